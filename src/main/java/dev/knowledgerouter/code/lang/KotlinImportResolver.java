package dev.knowledgerouter.code.lang;

import dev.knowledgerouter.code.syntax.Declaration;
import dev.knowledgerouter.code.syntax.FileExtraction;
import dev.knowledgerouter.code.syntax.ImportRef;
import dev.knowledgerouter.code.syntax.ImportResolver;
import dev.knowledgerouter.code.syntax.ImportTarget;
import dev.knowledgerouter.code.syntax.Language;
import dev.knowledgerouter.code.syntax.RepositoryFiles;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Resolves Kotlin imports by declared packages, over Kotlin and Java files alike (they share one JVM namespace, and
 * Kotlin code imports Java classes). An import names a type, a nested type or a top-level function or property:
 * the longest prefix that names a declaration wins. A wildcard links the files of the package that declare a name
 * the file uses, else every file of it, marked approximate. Files of the same package see each other without an
 * import. What the repository does not declare is external, named by its package (the part before the first
 * capitalised segment).
 */
public final class KotlinImportResolver implements ImportResolver {
    private final Map<String, TreeSet<String>> filesByName = new TreeMap<>();
    private final Map<String, TreeSet<String>> filesByPackage = new TreeMap<>();

    public KotlinImportResolver(RepositoryFiles files) {
        for (FileExtraction file : files.byPath().values()) {
            if (file.language() != Language.KOTLIN && file.language() != Language.JAVA) {
                continue;
            }
            filesByPackage
                    .computeIfAbsent(file.packageName(), p -> new TreeSet<>())
                    .add(file.path());
            for (String name : importable(file)) {
                String qualified = file.packageName().isEmpty() ? name : file.packageName() + "." + name;
                filesByName.computeIfAbsent(qualified, t -> new TreeSet<>()).add(file.path());
            }
        }
    }

    /** Top-level declarations of any kind, and the types nested in top-level types. */
    private static List<String> importable(FileExtraction file) {
        Set<String> types = new HashSet<>();
        List<String> names = new ArrayList<>();
        for (Declaration declaration : file.declarations()) {
            boolean topLevel = declaration.parent().isEmpty();
            if (topLevel || (declaration.kind().isType() && types.contains(declaration.parent()))) {
                names.add(declaration.qualifiedName());
                if (declaration.kind().isType()) {
                    types.add(declaration.qualifiedName());
                }
            }
        }
        return names;
    }

    @Override
    public ImportTarget resolve(FileExtraction from, ImportRef ref) {
        String spec = ref.spec();
        if (ref.wildcard()) {
            TreeSet<String> packageFiles = filesByPackage.get(spec);
            if (packageFiles != null && !spec.isEmpty()) {
                TreeSet<String> used = new TreeSet<>();
                for (String name : ref.names()) {
                    used.addAll(filesByName.getOrDefault(spec + "." + name, new TreeSet<>()));
                }
                used.retainAll(packageFiles);
                return used.isEmpty()
                        ? new ImportTarget.InRepository(List.copyOf(packageFiles), true)
                        : new ImportTarget.InRepository(List.copyOf(used));
            }
        }
        String candidate = spec;
        while (!candidate.isEmpty()) {
            TreeSet<String> declaring = filesByName.get(candidate);
            if (declaring != null) {
                return new ImportTarget.InRepository(List.copyOf(declaring));
            }
            int dot = candidate.lastIndexOf('.');
            candidate = dot < 0 ? "" : candidate.substring(0, dot);
        }
        return new ImportTarget.External(packageOf(spec, ref.wildcard()));
    }

    private static String packageOf(String spec, boolean wildcard) {
        if (wildcard) {
            return spec;
        }
        String[] segments = spec.split("\\.");
        List<String> kept = new ArrayList<>();
        for (String segment : segments) {
            if (!segment.isEmpty() && Character.isUpperCase(segment.charAt(0))) {
                break;
            }
            kept.add(segment);
        }
        if (kept.size() == segments.length && kept.size() > 1) {
            kept.removeLast(); // a function or property: its package is what comes before it
        }
        return kept.isEmpty() ? segments[0] : String.join(".", kept);
    }

    @Override
    public List<String> implicitlyVisible(FileExtraction from) {
        TreeSet<String> samePackage = filesByPackage.get(from.packageName());
        if (samePackage == null) {
            return List.of();
        }
        List<String> others = new ArrayList<>(samePackage);
        others.remove(from.path());
        return List.copyOf(others);
    }
}
