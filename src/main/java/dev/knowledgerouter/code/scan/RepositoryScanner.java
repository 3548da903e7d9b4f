package dev.knowledgerouter.code.scan;

import dev.knowledgerouter.code.syntax.Language;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the files of a repository worth analysing: walks the tree under the root, honours the
 * {@code .gitignore} files (root and nested) and {@code .git/info/exclude}, never enters {@code .git},
 * and leaves out what {@link ScanPolicy} and {@link ContentSniffer} judge not worth it. Symbolic links
 * are never followed. Each skip is counted by {@link SkipReason} so the CLI can say what it left out.
 *
 * <p>Credentials are never analysed: a root inside a credential folder is refused, such folders below
 * the root are not entered, files named like key stores are not read ({@link CredentialPaths}), and a
 * file whose text holds a credential is left out ({@link CredentialDetector}). Each of those is listed
 * by path and logged, without its value.
 *
 * <p>Checks run cheapest first: by path, then by size, and only then is the content read (once, for
 * both the sniffing and the hash). The walk runs on the calling thread; the reading, on a few threads beside it,
 * and the result is the same whatever order they finish in.
 */
public final class RepositoryScanner {
    private static final Logger LOG = LoggerFactory.getLogger(RepositoryScanner.class);
    /**
     * Threads that read, sniff, search for credentials and hash the files the walk lists: most of a scan's time, and
     * independent per file. The walk itself stays on the calling thread, and the results are taken in its order.
     */
    private static final int READERS =
            Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));

    private final ScanPolicy policy;

    public RepositoryScanner() {
        this(ScanPolicy.defaults());
    }

    public RepositoryScanner(ScanPolicy policy) {
        this.policy = policy;
    }

    /**
     * @throws IOException if the root does not exist, is not a directory, or cannot be listed
     * @throws CredentialFolderException if the root is, or lies inside, a credential folder
     */
    public ScanReport scan(Path root) throws IOException {
        return scan(root, ScannedContent.none());
    }

    /**
     * As {@link #scan(Path)}, keeping the content of the files it reports in {@code content} as far as its budget
     * allows, for a parse to take instead of reading them again.
     */
    public ScanReport scan(Path root, ScannedContent content) throws IOException {
        Path realRoot = root.toRealPath();
        if (!Files.isDirectory(realRoot)) {
            throw new NotDirectoryException(root.toString());
        }
        refuseCredentialRoot(root, realRoot);
        IgnoreRules rules = IgnoreRules.NONE
                .with(readIgnoreFile(realRoot.resolve(".git/info/exclude"), ""))
                .with(readIgnoreFile(realRoot.resolve(".gitignore"), ""));
        ExecutorService readers = Executors.newFixedThreadPool(
                READERS, Thread.ofPlatform().daemon().name("kr-scan-", 0).factory());
        try {
            Walk walk = new Walk(realRoot, readers, content);
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(realRoot)) {
                walk.directory(entries, "", rules);
            }
            return walk.report();
        } finally {
            readers.shutdownNow();
        }
    }

    /** Checked by name as given and as resolved: a link to {@code ~/.ssh} is refused like {@code ~/.ssh}. */
    static void refuseCredentialRoot(Path given, Path real) {
        Optional<String> folder = CredentialPaths.enclosing(real)
                .or(() -> CredentialPaths.enclosing(given.toAbsolutePath().normalize()));
        if (folder.isPresent()) {
            throw new CredentialFolderException(given.toString(), folder.get());
        }
    }

    private static GitIgnore readIgnoreFile(Path file, String base) {
        // A .gitignore that is a symlink is not followed either; git refuses those too.
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return GitIgnore.parse(base, "");
        }
        try {
            return GitIgnore.parse(base, new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return GitIgnore.parse(base, "");
        }
    }

    /** The state of one scan: what was kept, keyed by path so the result comes out sorted, and the skips. */
    private final class Walk {
        private final Path root;
        private final List<String> rootComponents;
        private final ExecutorService readers;
        private final ScannedContent content;
        private final List<Future<Inspected>> reading = new ArrayList<>();
        private final TreeMap<String, SourceFile> files = new TreeMap<>();
        private final Map<SkipReason, Integer> skipped = new EnumMap<>(SkipReason.class);
        private final List<CredentialSkip> credentials = new ArrayList<>();

        Walk(Path root, ExecutorService readers, ScannedContent content) {
            this.root = root;
            this.rootComponents = CredentialPaths.components(root);
            this.readers = readers;
            this.content = content;
        }

        ScanReport report() throws IOException {
            for (Future<Inspected> future : reading) {
                switch (await(future)) {
                    case Kept kept -> files.put(kept.path(), kept.file());
                    case Skipped skip -> skip(skip.reason());
                    case Withheld withheld -> credential(withheld.entry());
                }
            }
            return new ScanReport(root, files.values().stream().toList(), skipped, credentials);
        }

        private static Inspected await(Future<Inspected> future) throws IOException {
            try {
                return future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("scan interrupted");
            } catch (ExecutionException e) {
                // A reader's own failure surfaces as it would have on the walking thread.
                if (e.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                if (e.getCause() instanceof Error failure) {
                    throw failure;
                }
                throw new IllegalStateException("reading a file failed: " + e.getCause(), e.getCause());
            }
        }

        void directory(DirectoryStream<Path> entries, String dirPath, IgnoreRules rules) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.equals(".git")) {
                    continue; // the repository's database, not its content (a file in worktrees and submodules)
                }
                String path = dirPath.isEmpty() ? name : dirPath + "/" + name;
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    skip(SkipReason.UNREADABLE);
                    continue;
                }
                // Git sees a symlink as a file whatever it points to, so directory-only rules miss it.
                if (attributes.isDirectory() && isCredentialFolder(path)) {
                    credential(new CredentialSkip(path, null, SkipReason.CREDENTIAL_FOLDER));
                } else if (rules.ignores(path, attributes.isDirectory())) {
                    skip(SkipReason.GITIGNORED);
                } else if (attributes.isDirectory()) {
                    subdirectory(entry, path, rules);
                } else if (attributes.isSymbolicLink()) {
                    skip(symlinkLeavesRoot(entry) ? SkipReason.SYMLINK_OUTSIDE_ROOT : SkipReason.SYMLINK_WITHIN_ROOT);
                } else if (!attributes.isRegularFile()) {
                    skip(SkipReason.UNKNOWN_TYPE);
                } else {
                    file(entry, path, name, attributes.size());
                }
            }
        }

        private void subdirectory(Path dir, String path, IgnoreRules rules) {
            if (policy.isVendoredDir(path)) {
                skip(SkipReason.VENDORED_DIR);
                return;
            }
            IgnoreRules inner = rules.with(readIgnoreFile(dir.resolve(".gitignore"), path));
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                directory(entries, path, inner);
            } catch (IOException e) {
                skip(SkipReason.UNREADABLE);
            }
        }

        /** A dangling link, or one whose chain ends outside the root, counts as leaving it. */
        private boolean symlinkLeavesRoot(Path link) {
            try {
                return !link.toRealPath().startsWith(root);
            } catch (IOException e) {
                return true;
            }
        }

        /** Judges a file by its name and size here, and leaves its content to a reader. */
        private void file(Path file, String path, String name, long size) {
            Optional<Language> language = Language.of(name);
            if (CredentialPaths.isCredentialFile(name, language)) {
                credential(new CredentialSkip(path, null, SkipReason.CREDENTIAL_FILE));
                return;
            }
            SkipReason byName = policy.isLockFile(name)
                    ? SkipReason.LOCK_FILE
                    : policy.hasMinifiedName(name)
                            ? SkipReason.MINIFIED
                            : policy.hasBinaryExtension(name)
                                    ? SkipReason.BINARY
                                    : language.isEmpty()
                                            ? SkipReason.UNKNOWN_TYPE
                                            : size > policy.maxFileBytes() ? SkipReason.TOO_LARGE : null;
            if (byName != null) {
                skip(byName);
                return;
            }
            reading.add(readers.submit(() -> inspect(file, path, language.get(), content)));
        }

        private void skip(SkipReason reason) {
            skipped.merge(reason, 1, Integer::sum);
        }

        private void credential(CredentialSkip entry) {
            skip(entry.reason());
            credentials.add(entry);
            LOG.warn(
                    "analysis of {} left out {}: a credential, so it is neither indexed nor sent to a model",
                    root,
                    entry);
        }

        private boolean isCredentialFolder(String path) {
            return CredentialPaths.folderAt(CredentialPaths.tail(rootComponents, path))
                    .isPresent();
        }
    }

    /** What reading a file found: kept, skipped, or withheld as a credential. */
    private sealed interface Inspected permits Kept, Skipped, Withheld {}

    private record Kept(String path, SourceFile file) implements Inspected {}

    private record Skipped(SkipReason reason) implements Inspected {}

    private record Withheld(CredentialSkip entry) implements Inspected {}

    /** Reads the content once, for the sniffing, the credential search and the hash (on a reader thread). */
    private Inspected inspect(Path file, String path, Language language, ScannedContent kept) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            return new Skipped(SkipReason.UNREADABLE);
        }
        if (content.length > policy.maxFileBytes()) {
            return new Skipped(SkipReason.TOO_LARGE); // grew since it was listed
        }
        if (ContentSniffer.isBinary(content)) {
            return new Skipped(SkipReason.BINARY);
        }
        String head = ContentSniffer.head(content);
        if (ContentSniffer.hasGeneratedMarker(head)) {
            return new Skipped(SkipReason.GENERATED);
        }
        // Minifiers work on JavaScript and TypeScript output; elsewhere a long line is just a long line.
        if (language.isEcmaScript() && ContentSniffer.hasOverlongLine(head)) {
            return new Skipped(SkipReason.MINIFIED);
        }
        String text = new String(content, StandardCharsets.UTF_8);
        Optional<CredentialDetector.Finding> secret = CredentialDetector.find(text);
        if (secret.isPresent()) {
            return new Withheld(
                    new CredentialSkip(path, secret.get().line(), secret.get().reason()));
        }
        kept.keep(path, content);
        return new Kept(path, new SourceFile(Path.of(path), language, content.length, sha256(content)));
    }

    /** Lower-case hex SHA-256, as {@link SourceFile#sha256()} holds it. */
    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK ships SHA-256", e);
        }
    }
}
