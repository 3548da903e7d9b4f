package dev.knowledgerouter.code.scan;

import dev.knowledgerouter.code.syntax.RepositoryPath;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the scanner leaves out besides ignored files: directories of dependencies, build output,
 * caches and IDE state (code nobody in the repository wrote, and often most of its bytes), lock files,
 * binary formats, and files over a size limit (past it a file is data, bundled or generated, and would
 * swamp the graph and the summarising model).
 *
 * @param vendoredDirs directory names skipped at any depth; an entry with a {@code /} is a path
 *     suffix instead ({@code .mvn/wrapper} skips that directory, not every {@code wrapper})
 * @param lockFiles file names skipped as lock files, besides any name ending in {@code .lock}
 * @param binaryExtensions lower-case extensions of binary formats, skipped without reading them
 * @param maxFileBytes files larger than this are skipped
 */
public record ScanPolicy(
        Set<String> vendoredDirs, Set<String> lockFiles, Set<String> binaryExtensions, long maxFileBytes) {
    public static final long DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

    public static final Set<String> DEFAULT_VENDORED_DIRS = Set.of(
            // dependencies
            "node_modules",
            "bower_components",
            "jspm_packages",
            "vendor",
            "third_party",
            "third-party",
            ".venv",
            "venv",
            "site-packages",
            ".eggs",
            "Pods",
            ".yarn",
            ".pnpm-store",
            // build output
            "target",
            "build",
            "dist",
            "out",
            ".next",
            ".nuxt",
            ".svelte-kit",
            ".turbo",
            ".parcel-cache",
            "coverage",
            ".nyc_output",
            ".terraform",
            ".dart_tool",
            // caches and tool state
            "__pycache__",
            ".mypy_cache",
            ".pytest_cache",
            ".ruff_cache",
            ".tox",
            ".nox",
            ".gradle",
            ".cache",
            ".idea",
            ".vscode",
            ".vs",
            ".mvn/wrapper",
            // other version control
            ".hg",
            ".svn");

    public static final Set<String> DEFAULT_LOCK_FILES = Set.of(
            "package-lock.json",
            "npm-shrinkwrap.json",
            "pnpm-lock.yaml",
            "bun.lockb",
            "go.sum",
            "gradle.lockfile",
            "packages.lock.json");

    public static final Set<String> DEFAULT_BINARY_EXTENSIONS = Set.of(
            // images and fonts
            "png",
            "jpg",
            "jpeg",
            "gif",
            "bmp",
            "ico",
            "icns",
            "webp",
            "tif",
            "tiff",
            "psd",
            "woff",
            "woff2",
            "ttf",
            "otf",
            "eot",
            // audio and video
            "mp3",
            "mp4",
            "m4a",
            "wav",
            "ogg",
            "flac",
            "mov",
            "avi",
            "mkv",
            "webm",
            // archives and documents
            "zip",
            "gz",
            "tgz",
            "bz2",
            "xz",
            "zst",
            "7z",
            "rar",
            "tar",
            "jar",
            "war",
            "ear",
            "aar",
            "whl",
            "egg",
            "pdf",
            "doc",
            "docx",
            "xls",
            "xlsx",
            "ppt",
            "pptx",
            // compiled code
            "class",
            "so",
            "dylib",
            "dll",
            "exe",
            "o",
            "a",
            "lib",
            "obj",
            "pyc",
            "pyo",
            "pyd",
            "wasm",
            "rlib",
            // data, models and keys
            "bin",
            "dat",
            "db",
            "sqlite",
            "sqlite3",
            "parquet",
            "avro",
            "npy",
            "npz",
            "pkl",
            "onnx",
            "pt",
            "h5",
            "jks",
            "keystore",
            "p12",
            "pfx",
            "der");

    private static final Pattern MINIFIED_NAME = Pattern.compile(".*[.-]min\\.(?:js|mjs|cjs|css)");

    public ScanPolicy {
        vendoredDirs = Set.copyOf(vendoredDirs);
        lockFiles = Set.copyOf(lockFiles);
        binaryExtensions = Set.copyOf(binaryExtensions);
        if (maxFileBytes <= 0) {
            throw new IllegalArgumentException("maxFileBytes must be positive, got " + maxFileBytes);
        }
    }

    public static ScanPolicy defaults() {
        return new ScanPolicy(
                DEFAULT_VENDORED_DIRS, DEFAULT_LOCK_FILES, DEFAULT_BINARY_EXTENSIONS, DEFAULT_MAX_FILE_BYTES);
    }

    public ScanPolicy withMaxFileBytes(long limit) {
        return new ScanPolicy(vendoredDirs, lockFiles, binaryExtensions, limit);
    }

    /** @param path the directory relative to the root, {@code /}-separated */
    boolean isVendoredDir(String path) {
        String name = RepositoryPath.fileName(path);
        if (vendoredDirs.contains(name)) {
            return true;
        }
        for (String entry : vendoredDirs) {
            if (entry.indexOf('/') >= 0 && (path.equals(entry) || path.endsWith("/" + entry))) {
                return true;
            }
        }
        return false;
    }

    boolean isLockFile(String name) {
        return lockFiles.contains(name) || name.endsWith(".lock");
    }

    boolean hasMinifiedName(String name) {
        return MINIFIED_NAME.matcher(name.toLowerCase(Locale.ROOT)).matches();
    }

    boolean hasBinaryExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 && binaryExtensions.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
