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
 * Resolves Java imports by the packages files declare, not by their directories: source roots vary
 * ({@code src/main/java}, {@code src}, generated or module folders) and a {@code package} line is what
 * the compiler goes by. Types are indexed by their fully qualified name, member types too, so that
 * {@code a.b.C.Inner} and the static {@code a.b.C.member} both lead to C's file. A wildcard over a package leads
 * to the files declaring the types the importing file uses.
 */
public final class JavaImportResolver implements ImportResolver {
    /**
     * Fully qualified type name to the files declaring it; usually one, more when a class is duplicated across modules.
     */
    private final Map<String, TreeSet<String>> filesByType = new TreeMap<>();

    private final Map<String, TreeSet<String>> filesByPackage = new TreeMap<>();

    public JavaImportResolver(RepositoryFiles files) {
        for (FileExtraction file : files.byPath().values()) {
            if (file.language() != Language.JAVA) {
                continue;
            }
            filesByPackage
                    .computeIfAbsent(file.packageName(), p -> new TreeSet<>())
                    .add(file.path());
            for (String type : memberTypes(file)) {
                String qualified = file.packageName().isEmpty() ? type : file.packageName() + "." + type;
                filesByType.computeIfAbsent(qualified, t -> new TreeSet<>()).add(file.path());
            }
        }
    }

    /**
     * Top-level types and the types nested in them, by qualified name within the file. Local types (whose
     * parent is a method) are left out: no import can name them.
     */
    private static List<String> memberTypes(FileExtraction file) {
        Set<String> types = new HashSet<>();
        List<String> ordered = new ArrayList<>();
        for (Declaration declaration : file.declarations()) {
            if (declaration.kind().isType()
                    && (declaration.parent().isEmpty() || types.contains(declaration.parent()))
                    && types.add(declaration.qualifiedName())) {
                ordered.add(declaration.qualifiedName());
            }
        }
        return ordered;
    }

    @Override
    public ImportTarget resolve(FileExtraction from, ImportRef ref) {
        String spec = ref.spec();
        if (ref.wildcard()) {
            TreeSet<String> packageFiles = filesByPackage.get(spec);
            if (packageFiles != null && !spec.isEmpty()) {
                return wildcard(spec, ref.names(), packageFiles);
            }
        }
        // A type, or a member (static import) or member type of one: the longest prefix naming a type wins.
        String candidate = spec;
        while (!candidate.isEmpty()) {
            TreeSet<String> typeFiles = filesByType.get(candidate);
            if (typeFiles != null) {
                return new ImportTarget.InRepository(List.copyOf(typeFiles));
            }
            int dot = candidate.lastIndexOf('.');
            candidate = dot < 0 ? "" : candidate.substring(0, dot);
        }
        return new ImportTarget.External(externalModule(spec));
    }

    /**
     * The files of a package that declare a type the importing file uses. When no used type is among them (the
     * names are unknown, as in an extraction from an older run, or the import is unused), every file of the package,
     * marked approximate.
     */
    private ImportTarget wildcard(String packageName, List<String> usedNames, TreeSet<String> packageFiles) {
        TreeSet<String> used = new TreeSet<>();
        for (String name : usedNames) {
            TreeSet<String> declaring = filesByType.get(packageName + "." + name);
            if (declaring != null) {
                declaring.stream().filter(packageFiles::contains).forEach(used::add);
            }
        }
        return used.isEmpty()
                ? new ImportTarget.InRepository(List.copyOf(packageFiles), true)
                : new ImportTarget.InRepository(List.copyOf(used));
    }

    /**
     * The package of an unresolved import, found by the naming convention that types start upper-case:
     * {@code java.util.List} and the static {@code java.util.Collections.sort} are both {@code java.util}.
     * A wildcard over a package is that package. Without any upper-case segment there is no telling
     * where the package ends, so the spec stays whole; a type in the default package stays that type.
     */
    private static String externalModule(String spec) {
        String[] segments = spec.split("\\.");
        int firstType = -1;
        for (int i = 0; i < segments.length; i++) {
            if (!segments[i].isEmpty() && Character.isUpperCase(segments[i].charAt(0))) {
                firstType = i;
                break;
            }
        }
        if (firstType < 0) {
            return spec;
        }
        if (firstType == 0) {
            return segments[0];
        }
        return String.join(".", List.of(segments).subList(0, firstType));
    }

    @Override
    public List<String> implicitlyVisible(FileExtraction from) {
        TreeSet<String> samePackage = filesByPackage.get(from.packageName());
        if (from.language() != Language.JAVA || samePackage == null) {
            return List.of();
        }
        List<String> others = new ArrayList<>(samePackage);
        others.remove(from.path());
        return List.copyOf(others);
    }
}
