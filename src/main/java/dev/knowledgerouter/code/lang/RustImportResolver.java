package dev.knowledgerouter.code.lang;

import dev.knowledgerouter.code.syntax.Declaration;
import dev.knowledgerouter.code.syntax.FileExtraction;
import dev.knowledgerouter.code.syntax.ImportKind;
import dev.knowledgerouter.code.syntax.ImportRef;
import dev.knowledgerouter.code.syntax.ImportResolver;
import dev.knowledgerouter.code.syntax.ImportTarget;
import dev.knowledgerouter.code.syntax.RepositoryFiles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves Rust {@code use} paths and {@code mod} declarations to files by Cargo's layout conventions.
 * The module tree is derived from file paths ({@code src/a/b.rs} is {@code crate::a::b}) instead of being
 * built by following {@code mod} declarations, so one file's broken or {@code #[path]}-redirected
 * {@code mod} does not hide a whole subtree. Crates are the {@code Cargo.toml} files with a
 * {@code [package]}; a path starting with the name of one of them resolves into its library.
 */
public final class RustImportResolver implements ImportResolver {
    private static final Pattern NAME = Pattern.compile("^\\s*name\\s*=\\s*[\"']([^\"']+)[\"']");
    private static final Pattern SECTION = Pattern.compile("^\\s*\\[\\s*([^\\]]+?)\\s*]");
    /** Directories whose top-level files are crate roots of their own (test, example, bench and bin targets). */
    private static final List<String> TARGET_DIRS = List.of("src/bin/", "tests/", "examples/", "benches/");

    private final RepositoryFiles files;
    /** Directory of each crate ({@code ""} or ending in {@code /}), longest first so nested crates win. */
    private final List<String> crateDirs;
    /** Library crate name as {@code use} spells it, to the crate's directory. */
    private final Map<String, String> libraries;

    public RustImportResolver(RepositoryFiles files) {
        this.files = files;
        this.libraries = new TreeMap<>();
        List<String> dirs = new ArrayList<>();
        for (String path : files.byPath().keySet()) {
            if (!path.equals("Cargo.toml") && !path.endsWith("/Cargo.toml")) {
                continue;
            }
            String dir = path.substring(0, path.length() - "Cargo.toml".length());
            Optional<String> name = files.read(path).flatMap(RustImportResolver::libraryName);
            if (name.isPresent()) {
                dirs.add(dir);
                libraries.put(name.get(), dir);
            }
        }
        dirs.sort((a, b) -> Integer.compare(b.length(), a.length()));
        this.crateDirs = List.copyOf(dirs);
    }

    /**
     * The name other crates {@code use} the library by: {@code [lib] name} if set, else the package name with
     * dashes made underscores. Empty for a workspace manifest without a package.
     */
    static Optional<String> libraryName(String manifest) {
        String section = "";
        String packageName = null;
        String libName = null;
        for (String line : manifest.split("\\R")) {
            Matcher header = SECTION.matcher(line);
            if (header.find()) {
                section = header.group(1);
                continue;
            }
            Matcher name = NAME.matcher(line);
            if (name.find()) {
                if (section.equals("package") && packageName == null) {
                    packageName = name.group(1);
                } else if (section.equals("lib") && libName == null) {
                    libName = name.group(1);
                }
            }
        }
        if (packageName == null) {
            return Optional.empty();
        }
        return Optional.of((libName != null ? libName : packageName).replace('-', '_'));
    }

    @Override
    public ImportTarget resolve(FileExtraction from, ImportRef ref) {
        Module here = locate(from.path());
        if (ref.kind() == ImportKind.MODULE_DECLARATION) {
            // `mod b;` inside an inline `mod a { }` comes as `a::b` and lives in a/b.rs below this module.
            List<String> child = new ArrayList<>(here.segments());
            child.addAll(List.of(ref.spec().split("::")));
            return moduleFile(here.rootDir(), child)
                    .<ImportTarget>map(path -> new ImportTarget.InRepository(List.of(path)))
                    .orElseGet(() -> new ImportTarget.External("crate::" + String.join("::", child)));
        }
        String spec = ref.spec().strip();
        boolean externOnly = spec.startsWith("::");
        List<String> segments =
                Arrays.stream(spec.split("::")).filter(s -> !s.isEmpty()).toList();
        if (segments.isEmpty()) {
            return new ImportTarget.External(spec);
        }
        String first = segments.get(0);
        if (!externOnly && (first.equals("crate") || first.equals("self") || first.equals("super"))) {
            return relative(from, here, segments, spec);
        }
        if (!externOnly && declaresModule(from, first)) {
            return within(from, here.rootDir(), here.segments(), segments, spec);
        }
        if (!externOnly && definesAtTopLevel(from, first, true)) {
            // `use Direction::*` for an enum of this very file, or a path into one of its inline modules.
            return new ImportTarget.InRepository(List.of(from.path()));
        }
        String library = libraries.get(first);
        if (library != null && files.contains(library + "src/lib.rs")) {
            ImportTarget target =
                    within(null, library + "src/", List.of(), segments.subList(1, segments.size()), first);
            if (target instanceof ImportTarget.InRepository) {
                return target;
            }
        }
        return new ImportTarget.External(first);
    }

    /** A path starting with {@code crate}, {@code self} or {@code super}: inside the importing file's crate. */
    private ImportTarget relative(FileExtraction from, Module here, List<String> segments, String spec) {
        List<String> base = new ArrayList<>();
        int consumed = 0;
        if (segments.get(0).equals("crate")) {
            consumed = 1;
        } else {
            base.addAll(here.segments());
            while (consumed < segments.size()
                    && (segments.get(consumed).equals("self")
                            || segments.get(consumed).equals("super"))) {
                if (segments.get(consumed).equals("super")) {
                    if (base.isEmpty()) {
                        return new ImportTarget.External(spec);
                    }
                    base.remove(base.size() - 1);
                }
                consumed++;
            }
        }
        return within(from, here.rootDir(), base, segments.subList(consumed, segments.size()), spec);
    }

    /**
     * The file of the longest prefix of {@code base + rest} that is a module. With no module file beyond the
     * base, the base module's own file, or for the crate root its root file when that file declares the next
     * name (an item or a re-export of it); else external, named by {@code unresolved}.
     */
    private ImportTarget within(
            FileExtraction from, String rootDir, List<String> base, List<String> rest, String unresolved) {
        for (int length = rest.size(); length >= 1; length--) {
            List<String> candidate = new ArrayList<>(base);
            candidate.addAll(rest.subList(0, length));
            Optional<String> file = moduleFile(rootDir, candidate);
            if (file.isPresent()) {
                return new ImportTarget.InRepository(List.of(file.get()));
            }
        }
        if (!base.isEmpty()) {
            Optional<String> file = moduleFile(rootDir, base);
            if (file.isPresent()) {
                return new ImportTarget.InRepository(List.of(file.get()));
            }
            return new ImportTarget.External(unresolved);
        }
        Optional<String> rootFile = rootFile(from, rootDir);
        if (rootFile.isPresent() && (rest.isEmpty() || declares(rootFile.get(), rest.get(0)))) {
            return new ImportTarget.InRepository(List.of(rootFile.get()));
        }
        return new ImportTarget.External(unresolved);
    }

    /**
     * The crate root a path to the root module means: the importing file if it is one, else the library's or binary's.
     */
    private Optional<String> rootFile(FileExtraction from, String rootDir) {
        if (from != null) {
            Module here = locate(from.path());
            if (here.rootFile().isPresent() && here.rootDir().equals(rootDir)) {
                return here.rootFile();
            }
        }
        for (String name : List.of("lib.rs", "main.rs")) {
            if (files.contains(rootDir + name)) {
                return Optional.of(rootDir + name);
            }
        }
        return Optional.empty();
    }

    /** Whether a root file defines or re-exports a name at its top level. */
    private boolean declares(String path, String name) {
        FileExtraction file = files.get(path).orElse(null);
        if (file == null) {
            return false;
        }
        if (definesAtTopLevel(file, name, false)) {
            return true;
        }
        for (ImportRef ref : file.imports()) {
            if (ref.kind() != ImportKind.IMPORT || ref.wildcard()) {
                continue;
            }
            String spec = ref.spec();
            String last = spec.substring(spec.lastIndexOf(':') + 1);
            if (ref.names().isEmpty() ? last.equals(name) : ref.names().contains(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A top-level item of the file, or an inline module (known only by the prefix it gives its items' names).
     * With {@code typesOnly}, functions do not count: a path {@code log::info} cannot lead into {@code fn log}
     * (functions live in the value namespace), so that must be the crate {@code log}.
     */
    private static boolean definesAtTopLevel(FileExtraction file, String name, boolean typesOnly) {
        boolean declared = false;
        boolean prefixes = false;
        for (Declaration declaration : file.declarations()) {
            String qualified = declaration.qualifiedName();
            if (qualified.equals(name)) {
                if (!typesOnly || declaration.kind().isType()) {
                    return true;
                }
                declared = true;
            } else if (qualified.startsWith(name + ".")) {
                prefixes = true;
            }
        }
        return prefixes && !declared;
    }

    private static boolean declaresModule(FileExtraction from, String name) {
        for (ImportRef ref : from.imports()) {
            if (ref.kind() == ImportKind.MODULE_DECLARATION && ref.spec().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** {@code a/b.rs} or {@code a/b/mod.rs} under the root directory; the root module itself has no such file. */
    private Optional<String> moduleFile(String rootDir, List<String> segments) {
        if (segments.isEmpty()) {
            return Optional.empty();
        }
        String stem = rootDir + String.join("/", segments);
        for (String candidate : List.of(stem + ".rs", stem + "/mod.rs")) {
            if (files.contains(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Where a file sits in its crate's module tree.
     *
     * @param rootDir directory of the crate root the module paths are relative to, ending in {@code /} or empty
     * @param segments module path below the root ({@code [store, memory]}), empty for a crate root
     * @param rootFile the file itself when it is a crate root
     */
    private record Module(String rootDir, List<String> segments, Optional<String> rootFile) {}

    private Module locate(String path) {
        String crateDir =
                crateDirs.stream().filter(path::startsWith).findFirst().orElse("");
        String rel = path.substring(crateDir.length());
        if (rel.equals("build.rs")) {
            return root(path, crateDir);
        }
        for (String target : TARGET_DIRS) {
            if (!rel.startsWith(target)) {
                continue;
            }
            String rest = rel.substring(target.length());
            int slash = rest.indexOf('/');
            if (slash < 0) {
                return root(path, crateDir + target);
            }
            String ownDir = crateDir + target + rest.substring(0, slash + 1);
            if (files.contains(ownDir + "main.rs")) {
                return path.equals(ownDir + "main.rs")
                        ? root(path, ownDir)
                        : new Module(ownDir, segments(path.substring(ownDir.length())), Optional.empty());
            }
            return new Module(crateDir + target, segments(rest), Optional.empty());
        }
        if (rel.startsWith("src/")) {
            String rest = rel.substring("src/".length());
            if (rest.equals("lib.rs") || rest.equals("main.rs")) {
                return root(path, crateDir + "src/");
            }
            return new Module(crateDir + "src/", segments(rest), Optional.empty());
        }
        // Outside Cargo's layout (a [[bin]] or [lib] with a custom path): treat the file as a root.
        int slash = path.lastIndexOf('/');
        return root(path, slash < 0 ? "" : path.substring(0, slash + 1));
    }

    private static Module root(String path, String rootDir) {
        return new Module(rootDir, List.of(), Optional.of(path));
    }

    /** {@code store/memory.rs} and {@code store/memory/mod.rs} are both {@code [store, memory]}. */
    private static List<String> segments(String relative) {
        String stem = relative.endsWith(".rs") ? relative.substring(0, relative.length() - 3) : relative;
        if (stem.equals("mod")) {
            return List.of();
        }
        if (stem.endsWith("/mod")) {
            stem = stem.substring(0, stem.length() - "/mod".length());
        }
        return List.of(stem.split("/"));
    }
}
