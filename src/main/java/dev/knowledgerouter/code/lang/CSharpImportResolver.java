package dev.knowledgerouter.code.lang;

import dev.knowledgerouter.code.syntax.Declaration;
import dev.knowledgerouter.code.syntax.FileExtraction;
import dev.knowledgerouter.code.syntax.ImportRef;
import dev.knowledgerouter.code.syntax.ImportResolver;
import dev.knowledgerouter.code.syntax.ImportTarget;
import dev.knowledgerouter.code.syntax.Language;
import dev.knowledgerouter.code.syntax.RepositoryFiles;
import dev.knowledgerouter.code.syntax.RepositoryPath;
import dev.knowledgerouter.code.syntax.SafeXml;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.w3c.dom.Element;

/**
 * Resolves C# {@code using} directives by the namespaces files declare, within the projects a file can see. A file
 * belongs to the project ({@code .csproj}) in its directory or the nearest one above; it sees that project and those
 * it references through {@code <ProjectReference>}, transitively, as the SDK's build does. A file outside every
 * project (or in a repository without project files) sees the whole repository. {@code using A.B;} links the files of namespace {@code A.B} that declare a
 * type the file uses, else every file of it, marked approximate; {@code using static A.B.C;} and aliases link the
 * type's file. What no visible file declares is the external namespace.
 */
public final class CSharpImportResolver implements ImportResolver {
    private final Map<String, TreeSet<String>> filesByNamespace = new TreeMap<>();
    private final Map<String, TreeSet<String>> filesByType = new TreeMap<>();
    /** Project file by directory. */
    private final Map<String, String> projectByDirectory = new HashMap<>();

    private final Map<String, List<String>> references = new HashMap<>();

    public CSharpImportResolver(RepositoryFiles files) {
        for (String path : files.byPath().keySet()) {
            if (path.endsWith(".csproj")) {
                projectByDirectory.put(RepositoryPath.directory(path), path);
                references.put(path, projectReferences(files, path));
            }
        }
        for (FileExtraction file : files.byPath().values()) {
            if (file.language() != Language.CSHARP) {
                continue;
            }
            filesByNamespace
                    .computeIfAbsent(file.packageName(), n -> new TreeSet<>())
                    .add(file.path());
            for (Declaration declaration : file.declarations()) {
                if (declaration.kind().isType() && declaration.parent().isEmpty()) {
                    String qualified = file.packageName().isEmpty()
                            ? declaration.name()
                            : file.packageName() + "." + declaration.name();
                    filesByType.computeIfAbsent(qualified, t -> new TreeSet<>()).add(file.path());
                }
            }
        }
    }

    private static List<String> projectReferences(RepositoryFiles files, String project) {
        List<String> found = new ArrayList<>();
        files.read(project).flatMap(SafeXml::parse).ifPresent(document -> {
            var nodes = document.getElementsByTagName("ProjectReference");
            for (int i = 0; i < nodes.getLength(); i++) {
                String include =
                        ((Element) nodes.item(i)).getAttribute("Include").replace('\\', '/');
                RepositoryPath.normalize(RepositoryPath.join(RepositoryPath.directory(project), include))
                        .ifPresent(found::add);
            }
        });
        return found;
    }

    /** The project a file belongs to: the one in its directory or the nearest above; empty when none. */
    private String projectOf(String path) {
        String dir = RepositoryPath.directory(path);
        while (true) {
            String project = projectByDirectory.get(dir);
            if (project != null) {
                return project;
            }
            if (dir.isEmpty()) {
                return "";
            }
            dir = RepositoryPath.directory(dir);
        }
    }

    /** Whether a file of {@code from}'s project or a project it references (transitively) is {@code path}. */
    private boolean visible(String from, String path) {
        String start = projectOf(from);
        if (start.isEmpty()) {
            return true; // a file outside every project (a loose script, a test folder without one) sees everything
        }
        String target = projectOf(path);
        Set<String> seen = new HashSet<>();
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            String project = queue.poll();
            if (project.equals(target)) {
                return true;
            }
            if (seen.add(project)) {
                queue.addAll(references.getOrDefault(project, List.of()));
            }
        }
        return false;
    }

    private TreeSet<String> visibleOnly(String from, Set<String> paths) {
        TreeSet<String> kept = new TreeSet<>();
        for (String path : paths) {
            if (visible(from, path)) {
                kept.add(path);
            }
        }
        return kept;
    }

    @Override
    public ImportTarget resolve(FileExtraction from, ImportRef ref) {
        String spec = ref.spec();
        if (ref.wildcard()) {
            TreeSet<String> namespace = visibleOnly(from.path(), filesByNamespace.getOrDefault(spec, new TreeSet<>()));
            if (!namespace.isEmpty()) {
                TreeSet<String> used = new TreeSet<>();
                for (String name : ref.names()) {
                    used.addAll(visibleOnly(from.path(), filesByType.getOrDefault(spec + "." + name, new TreeSet<>())));
                }
                used.retainAll(namespace);
                return used.isEmpty()
                        ? new ImportTarget.InRepository(List.copyOf(namespace), true)
                        : new ImportTarget.InRepository(List.copyOf(used));
            }
            return new ImportTarget.External(spec);
        }
        String candidate = spec;
        while (!candidate.isEmpty()) {
            TreeSet<String> typeFiles = visibleOnly(from.path(), filesByType.getOrDefault(candidate, new TreeSet<>()));
            if (!typeFiles.isEmpty()) {
                return new ImportTarget.InRepository(List.copyOf(typeFiles));
            }
            int dot = candidate.lastIndexOf('.');
            candidate = dot < 0 ? "" : candidate.substring(0, dot);
        }
        int dot = spec.lastIndexOf('.');
        return new ImportTarget.External(dot < 0 ? spec : spec.substring(0, dot));
    }

    @Override
    public List<String> implicitlyVisible(FileExtraction from) {
        if (from.language() != Language.CSHARP) {
            return List.of();
        }
        TreeSet<String> same =
                visibleOnly(from.path(), filesByNamespace.getOrDefault(from.packageName(), new TreeSet<>()));
        same.remove(from.path());
        return List.copyOf(same);
    }
}
