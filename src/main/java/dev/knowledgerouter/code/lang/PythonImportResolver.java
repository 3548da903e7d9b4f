package dev.knowledgerouter.code.lang;

import dev.knowledgerouter.code.syntax.FileExtraction;
import dev.knowledgerouter.code.syntax.ImportRef;
import dev.knowledgerouter.code.syntax.ImportResolver;
import dev.knowledgerouter.code.syntax.ImportTarget;
import dev.knowledgerouter.code.syntax.RepositoryFiles;
import dev.knowledgerouter.code.syntax.RepositoryPath;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.SequencedSet;
import java.util.TreeSet;

/**
 * Resolves Python imports to the repository's module files the way the interpreter's import path would,
 * without running anything: a repository rarely says where its import roots are, so the likely ones are
 * tried. These are the directory above the importing file's top-most package (where Python puts a script's
 * own directory, so a script beside a package or a test beside its subject resolves), the repository root
 * and {@code src/} (the common layout for an installed package).
 *
 * <p>{@code from m import x} may name a submodule {@code x} or just an attribute of {@code m}; a name that
 * is a submodule file leads there, any other name to {@code m} itself, because that is where its definition
 * lives or is re-exported.
 */
public final class PythonImportResolver implements ImportResolver {
    private static final List<String> MODULE_SUFFIXES = List.of(".py", ".pyi", "/__init__.py", "/__init__.pyi");
    private static final List<String> PACKAGE_FILES = List.of("__init__.py", "__init__.pyi");

    private final RepositoryFiles files;

    public PythonImportResolver(RepositoryFiles files) {
        this.files = files;
    }

    @Override
    public ImportTarget resolve(FileExtraction from, ImportRef ref) {
        String spec = ref.spec();
        int dots = 0;
        while (dots < spec.length() && spec.charAt(dots) == '.') {
            dots++;
        }
        List<String> module = segments(spec.substring(dots));
        if (dots > 0) {
            return packageOf(from.path(), dots)
                    .flatMap(base -> resolveIn(base, module, ref))
                    .<ImportTarget>map(ImportTarget.InRepository::new)
                    .orElseGet(() -> new ImportTarget.External(spec));
        }
        if (module.isEmpty()) {
            return new ImportTarget.External(spec);
        }
        for (String root : roots(from.path())) {
            Optional<List<String>> found = resolveIn(root, module, ref);
            if (found.isPresent()) {
                return new ImportTarget.InRepository(found.get());
            }
        }
        return new ImportTarget.External(module.getFirst());
    }

    /**
     * The files {@code module} (possibly empty: the package {@code dir} itself) and its imported names lead
     * to under {@code dir}; empty when nothing there exists.
     */
    private Optional<List<String>> resolveIn(String dir, List<String> module, ImportRef ref) {
        String modulePath = RepositoryPath.join(dir, String.join("/", module));
        Optional<String> moduleFile = module.isEmpty() ? packageFile(dir) : moduleFile(modulePath);
        TreeSet<String> targets = new TreeSet<>();
        boolean needsModule = ref.wildcard() || ref.names().isEmpty();
        for (String name : ref.names()) {
            Optional<String> submodule = moduleFile(RepositoryPath.join(modulePath, name));
            if (submodule.isPresent()) {
                targets.add(submodule.get());
            } else {
                needsModule = true;
            }
        }
        // A name that is no submodule lives in the module; a namespace package (no __init__) has none to offer.
        if (needsModule) {
            moduleFile.ifPresent(targets::add);
        }
        return targets.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(targets));
    }

    private Optional<String> moduleFile(String modulePath) {
        return MODULE_SUFFIXES.stream()
                .map(suffix -> modulePath + suffix)
                .filter(files::contains)
                .findFirst();
    }

    private Optional<String> packageFile(String dir) {
        return PACKAGE_FILES.stream()
                .map(name -> RepositoryPath.join(dir, name))
                .filter(files::contains)
                .findFirst();
    }

    /** The directory a relative import with {@code dots} leading dots starts from; empty above the root. */
    private static Optional<String> packageOf(String path, int dots) {
        String dir = RepositoryPath.directory(path);
        for (int up = 1; up < dots; up++) {
            if (dir.isEmpty()) {
                return Optional.empty();
            }
            dir = RepositoryPath.directory(dir);
        }
        return Optional.of(dir);
    }

    /** Import roots to try, most specific first. */
    private SequencedSet<String> roots(String path) {
        SequencedSet<String> roots = new LinkedHashSet<>();
        String dir = RepositoryPath.directory(path);
        while (!dir.isEmpty() && packageFile(dir).isPresent()) {
            dir = RepositoryPath.directory(dir);
        }
        roots.add(dir);
        roots.add("");
        roots.add("src");
        return roots;
    }

    private static List<String> segments(String dotted) {
        List<String> segments = new ArrayList<>();
        for (String segment : dotted.split("\\.")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        return segments;
    }
}
