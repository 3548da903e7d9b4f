package dev.knowledgerouter.code.graph;

import dev.knowledgerouter.code.syntax.FileExtraction;
import dev.knowledgerouter.code.syntax.ImportRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What one file can see by name: its own declarations, the files its imports reach (and under which names), and
 * the files its language makes visible without an import. Filled while the graph is assembled, read while names
 * are resolved.
 */
final class FileScope {
    /** Compiled once: {@link String#split} compiles its pattern on every call, and every import is split. */
    private static final Pattern SPEC_SEPARATORS = Pattern.compile("[./:\\\\]+");

    final FileExtraction file;
    final Map<String, String> idByQualifiedName = new HashMap<>();
    final Map<String, String> parentByQualifiedName = new HashMap<>();
    final List<DeclaredNode> declarations = new ArrayList<>();
    final Set<String> importedPaths = new TreeSet<>();
    final Map<String, Set<String>> pathsByImportedName = new HashMap<>();
    final Map<String, Set<String>> pathsByModuleAlias = new HashMap<>();
    List<String> visible = List.of();
    /**
     * The type each name written in this file resolved to, filled as names are resolved. A file's names are resolved
     * by one thread at a time (its calls on one, then its supertypes after every call is resolved).
     */
    final Map<String, Optional<String>> typeByWritten = new HashMap<>();

    // Indexes for name resolution, built on first use: every scope is complete before the first name is resolved,
    // and a call is resolved against many files' declarations.
    private Map<String, List<DeclaredNode>> topLevelByName;
    private Set<String> inSight;

    FileScope(FileExtraction file) {
        this.file = file;
    }

    /** Declares one of the file's own declarations; of two with one qualified name, the first is the one meant. */
    void declare(DeclaredNode declared) {
        declarations.add(declared);
        String qualifiedName = declared.declaration().qualifiedName();
        idByQualifiedName.putIfAbsent(qualifiedName, declared.id());
        parentByQualifiedName.putIfAbsent(qualifiedName, declared.declaration().parent());
    }

    /**
     * Records the files an import reached and the names it brings into scope (the names it lists, the last
     * segment of what it imports, and the import as written), for resolving supertypes and calls by name.
     */
    void imported(ImportRef ref, Collection<String> paths) {
        importedPaths.addAll(paths);
        if (paths.isEmpty()) {
            return;
        }
        List<String> names = new ArrayList<>(ref.names());
        String[] segments = SPEC_SEPARATORS.split(ref.spec());
        for (int i = segments.length - 1; i >= 0; i--) {
            if (!segments[i].isEmpty()) {
                names.add(segments[i]);
                break;
            }
        }
        for (String name : names) {
            pathsByImportedName.computeIfAbsent(name, k -> new TreeSet<>()).addAll(paths);
            pathsByModuleAlias.computeIfAbsent(name, k -> new TreeSet<>()).addAll(paths);
        }
        pathsByModuleAlias.computeIfAbsent(ref.spec(), k -> new TreeSet<>()).addAll(paths);
    }

    /** Builds the indexes now, before several threads read them. */
    void prepare() {
        topLevelNamed("");
        inSight();
    }

    /** The file's top-level declarations of that name, in the file's order. */
    List<DeclaredNode> topLevelNamed(String name) {
        if (topLevelByName == null) {
            topLevelByName = new HashMap<>();
            for (DeclaredNode d : declarations) {
                if (d.declaration().parent().isEmpty()) {
                    topLevelByName
                            .computeIfAbsent(d.declaration().name(), k -> new ArrayList<>())
                            .add(d);
                }
            }
        }
        return topLevelByName.getOrDefault(name, List.of());
    }

    /** Every file in sight of this one: the files it imports, those it sees without, and itself. */
    Set<String> inSight() {
        if (inSight == null) {
            Set<String> paths = new HashSet<>(importedPaths);
            paths.addAll(visible);
            paths.add(file.path());
            inSight = paths;
        }
        return inSight;
    }

    String parentOf(String qualifiedName) {
        return parentByQualifiedName.getOrDefault(qualifiedName, "");
    }
}
