package dev.knowledgerouter.code.syntax;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.treesitter.TSParser;

/**
 * Puts the optimised tree-sitter natives that the build compiled (src/main/native/tree-sitter) in front of the
 * tree-sitter jar's own. The jar's natives are built without optimisation, so its parser and query matching run
 * several times slower than they should; the library here holds the same core version and the same grammar
 * versions, compiled with {@code -O2}, and shares its symbols process-wide before the jar loads its library, so
 * that the jar's JNI functions call into it. Trees, matches and positions are the same either way (docs/code.md
 * says how that was checked); only speed differs. Without the library (no C compiler at build time, another
 * platform, {@code KR_TREE_SITTER_NATIVES=0}, or {@code -Dkr.tree-sitter.natives=off}) the jar's natives do the
 * work.
 *
 * <p>Whatever touches tree-sitter first must call {@link #status()} first: once the jar has loaded its library,
 * its calls are bound to its own core for the life of the process.
 */
public final class TreeSitterNatives {
    /** A path to the library, or {@code off}; by default the library beside the application's classes. */
    public static final String PROPERTY = "kr.tree-sitter.natives";

    static final String LIBRARY = "libkr-tree-sitter.so";
    private static final Logger LOG = LoggerFactory.getLogger(TreeSitterNatives.class);

    /** Which natives parse: the optimised ones, or the jar's own and why. */
    public sealed interface Status {
        /** One line for people: which natives parse and why. */
        String describe();

        record Optimised(Path library) implements Status {
            @Override
            public String describe() {
                return "optimised (" + library + ")";
            }
        }

        record JarOwn(String reason) implements Status {
            @Override
            public String describe() {
                return "jar's own, unoptimised (" + reason + ")";
            }
        }
    }

    private TreeSitterNatives() {}

    /** Which natives parse in this process; the first call decides, before anything else touches tree-sitter. */
    public static Status status() {
        return Loaded.STATUS;
    }

    /**
     * Starts loading the natives (this library and the jar's, tens of milliseconds) on another thread, so that a
     * command can scan meanwhile; whoever asks for {@link #status()} first waits for it to finish.
     */
    public static void loadInBackground() {
        Thread.ofPlatform().daemon().name("kr-tree-sitter-load").start(TreeSitterNatives::status);
    }

    /** Holds the decision, so that {@link #loadInBackground()} returns before it is made. */
    private static final class Loaded {
        static final Status STATUS = load();
    }

    private static Status load() {
        String setting = System.getProperty(PROPERTY, "").strip();
        if ("0".equals(System.getenv("KR_TREE_SITTER_NATIVES")) || "off".equalsIgnoreCase(setting)) {
            return jarOwn("turned off by KR_TREE_SITTER_NATIVES=0 or -D" + PROPERTY + "=off");
        }
        Path file;
        if (!setting.isEmpty()) {
            try {
                file = Path.of(setting);
            } catch (InvalidPathException e) {
                return jarOwn("-D" + PROPERTY + " is not a path: " + e.getMessage());
            }
        } else if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return jarOwn("built on Linux only so far");
        } else {
            Optional<Path> beside = besideClasses();
            if (beside.isEmpty()) {
                return jarOwn("the application's directory is unknown; set -D" + PROPERTY + "=PATH");
            }
            file = beside.get().resolve("natives").resolve(LIBRARY);
        }
        if (!Files.isRegularFile(file)) {
            return jarOwn("not built: no " + file + "; the build compiles it where a C compiler and npm are");
        }
        try {
            String absolute = file.toAbsolutePath().toString();
            System.load(absolute);
            String refused = shareSymbols(absolute);
            if (refused != null) {
                return jarOwn("could not share the library's symbols: " + refused);
            }
            return probe(file);
        } catch (UnsatisfiedLinkError | SecurityException e) {
            return jarOwn("could not load " + file + ": " + e.getMessage());
        }
    }

    /**
     * The binding's parser is made while this library counts allocations: if its core did the allocating, the
     * binding calls the optimised core. It does not when the binding's library was loaded before this one.
     */
    private static Status probe(Path file) {
        long before = allocations();
        countAllocations(true);
        try {
            new TSParser().close();
        } finally {
            countAllocations(false);
        }
        if (allocations() == before) {
            return jarOwn("the tree-sitter jar's natives were loaded before " + file);
        }
        LOG.debug("tree-sitter natives: optimised, from {}", file);
        return new Status.Optimised(file);
    }

    private static Status jarOwn(String reason) {
        LOG.debug("tree-sitter natives: the jar's own ({})", reason);
        return new Status.JarOwn(reason);
    }

    /** target/ for both the jar (target/knowledge-router.jar) and the classes directory (target/classes). */
    private static Optional<Path> besideClasses() {
        CodeSource source = TreeSitterNatives.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            Path classes = Path.of(source.getLocation().toURI());
            return Optional.ofNullable(classes.getParent());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static native String shareSymbols(String library);

    private static native void countAllocations(boolean on);

    private static native long allocations();
}
