package dev.knowledgerouter.code.lang;

import dev.knowledgerouter.code.syntax.FileExtraction;
import dev.knowledgerouter.code.syntax.ImportRef;
import dev.knowledgerouter.code.syntax.ImportResolver;
import dev.knowledgerouter.code.syntax.ImportTarget;
import dev.knowledgerouter.code.syntax.Language;
import dev.knowledgerouter.code.syntax.RepositoryFiles;
import dev.knowledgerouter.code.syntax.RepositoryPath;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Resolves Go import paths by the module rules: an import path under a module declared by one of the
 * repository's {@code go.mod} files names the package directory below that module's directory, and the
 * package is every non-test {@code .go} file directly in it. Nested modules are honoured by taking the
 * longest module path that matches. Everything else (standard library, dependencies, and in-module paths
 * with no Go files) stays external under its import path.
 */
public final class GoImportResolver implements ImportResolver {
    private static final String GO_MOD = "go.mod";

    /** Module roots, longest module path first so nested modules win over the one around them. */
    private final List<Module> modules;
    /** Directory to its non-test Go files, sorted; what an import of that directory's package compiles. */
    private final Map<String, List<String>> packageFiles = new TreeMap<>();
    /** Directory to all its Go files, sorted, test files included; for same-package visibility. */
    private final Map<String, List<String>> goFiles = new TreeMap<>();

    private final RepositoryFiles files;

    public GoImportResolver(RepositoryFiles files) {
        this.files = files;
        List<Module> found = new ArrayList<>();
        for (String path : files.byPath().keySet()) {
            if (RepositoryPath.fileName(path).equals(GO_MOD)) {
                String directory = RepositoryPath.directory(path);
                files.read(path)
                        .flatMap(GoImportResolver::modulePath)
                        .ifPresent(module -> found.add(new Module(module, directory)));
            } else if (isGoFile(path, files.byPath().get(path))) {
                String directory = RepositoryPath.directory(path);
                goFiles.computeIfAbsent(directory, d -> new ArrayList<>()).add(path);
                if (!path.endsWith("_test.go")) {
                    packageFiles
                            .computeIfAbsent(directory, d -> new ArrayList<>())
                            .add(path);
                }
            }
        }
        found.sort(Comparator.comparingInt((Module m) -> m.path().length())
                .reversed()
                .thenComparing(Module::directory));
        this.modules = List.copyOf(found);
    }

    @Override
    public ImportTarget resolve(FileExtraction from, ImportRef ref) {
        String importPath = ref.spec();
        for (Module module : modules) {
            Optional<String> rest = module.relative(importPath);
            if (rest.isEmpty()) {
                continue;
            }
            String directory = RepositoryPath.join(module.directory(), rest.get());
            List<String> target = packageFiles.get(directory);
            return target == null ? new ImportTarget.External(importPath) : new ImportTarget.InRepository(target);
        }
        return new ImportTarget.External(importPath);
    }

    @Override
    public List<String> implicitlyVisible(FileExtraction from) {
        List<String> visible = new ArrayList<>();
        for (String path : goFiles.getOrDefault(RepositoryPath.directory(from.path()), List.of())) {
            if (path.equals(from.path())) {
                continue;
            }
            FileExtraction other = files.byPath().get(path);
            if (other != null && other.packageName().equals(from.packageName())) {
                visible.add(path);
            }
        }
        return List.copyOf(visible);
    }

    /** The {@code module} directive's path, quoted or not, with a trailing comment ignored. */
    static Optional<String> modulePath(String goMod) {
        for (String rawLine : goMod.split("\\R")) {
            String line = rawLine;
            int comment = line.indexOf("//");
            if (comment >= 0) {
                line = line.substring(0, comment);
            }
            line = line.strip();
            if (!line.startsWith("module")
                    || line.length() == "module".length()
                    || !Character.isWhitespace(line.charAt("module".length()))) {
                continue;
            }
            String path = line.substring("module".length()).strip();
            if (path.length() >= 2
                    && (path.startsWith("\"") && path.endsWith("\"") || path.startsWith("`") && path.endsWith("`"))) {
                path = path.substring(1, path.length() - 1);
            }
            return path.isEmpty() ? Optional.empty() : Optional.of(path);
        }
        return Optional.empty();
    }

    private static boolean isGoFile(String path, FileExtraction extraction) {
        return path.endsWith(".go") && extraction != null && extraction.language() == Language.GO;
    }

    /** A module path and the repository directory of its {@code go.mod} ({@code ""} at the root). */
    private record Module(String path, String directory) {
        /** The import path below this module ({@code ""} for the module's root package), or empty if outside it. */
        Optional<String> relative(String importPath) {
            if (importPath.equals(path)) {
                return Optional.of("");
            }
            if (importPath.startsWith(path + "/")) {
                return Optional.of(importPath.substring(path.length() + 1));
            }
            return Optional.empty();
        }
    }
}
