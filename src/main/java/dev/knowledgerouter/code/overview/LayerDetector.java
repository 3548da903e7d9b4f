package dev.knowledgerouter.code.overview;

import dev.knowledgerouter.code.graph.GraphLayer;
import dev.knowledgerouter.code.graph.GraphNode;
import dev.knowledgerouter.code.syntax.RepositoryPath;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Layers from structure alone, every file-level node in exactly one, each with its reason:
 * <ul>
 *   <li>tests, documentation, and configuration and build files by folder and file conventions;</li>
 *   <li>code by dependency depth: files are grouped by folder, folders ordered by the longest chain of imports
 *       below them ({@link ComponentDepth}), and folders at the same depth form a layer, the deepest on top.
 *       More than {@value #MAX_CODE_LAYERS} depths are merged into that many bands of similar size;</li>
 *   <li>code that imports nothing of the repository and that nothing imports is "standalone".</li>
 * </ul>
 * Names are the layer's folders; the local model may rename them later.
 */
final class LayerDetector {
    static final int MAX_CODE_LAYERS = 6;
    private static final int NAMED_FOLDERS = 3;
    private static final Set<String> TEST_FOLDERS = Set.of("test", "tests", "__tests__", "spec", "specs", "testdata");
    private static final Set<String> DOC_FOLDERS = Set.of("doc", "docs", "documentation");
    private static final Set<String> DOC_EXTENSIONS = Set.of("md", "markdown", "rst", "adoc", "txt");

    private record Placed(String fileId, String reason) {}

    /** What a layer holds: code at some depth, standalone code, tests, configuration and build files, or docs. */
    enum Kind {
        CODE,
        STANDALONE,
        TESTS,
        CONFIGURATION,
        DOCUMENTATION
    }

    /** A layer and what kind of files it holds; code layers come first, from the top of the import graph down. */
    record Detected(GraphLayer layer, Kind kind) {}

    List<Detected> detect(FileGraph graph) {
        List<Placed> tests = new ArrayList<>();
        List<Placed> docs = new ArrayList<>();
        List<Placed> config = new ArrayList<>();
        List<String> code = new ArrayList<>();
        for (GraphNode file : graph.files().values()) {
            String path = file.filePath();
            String testFolder = folderAmong(path, TEST_FOLDERS);
            if (graph.isTest(file.id())) {
                tests.add(new Placed(file.id(), "a test file by its language's naming convention"));
            } else if (!testFolder.isEmpty()) {
                tests.add(new Placed(file.id(), "under the test folder " + testFolder + "/"));
            } else if (graph.isCode(file.id())) {
                code.add(file.id());
            } else if (DOC_EXTENSIONS.contains(extension(path))) {
                docs.add(new Placed(file.id(), "documentation (." + extension(path) + ")"));
            } else if (!folderAmong(path, DOC_FOLDERS).isEmpty()) {
                docs.add(new Placed(
                        file.id(), "under the documentation folder " + folderAmong(path, DOC_FOLDERS) + "/"));
            } else {
                config.add(
                        new Placed(file.id(), "configuration or build file (" + RepositoryPath.fileName(path) + ")"));
            }
        }
        List<Detected> layers = new ArrayList<>(codeLayers(graph, code));
        add(layers, Kind.TESTS, "Tests", "Test files and what only tests use.", tests);
        add(
                layers,
                Kind.CONFIGURATION,
                "Configuration and build",
                "Build files, configuration and data the code reads.",
                config);
        add(layers, Kind.DOCUMENTATION, "Documentation", "Documentation of the repository.", docs);
        return unique(layers);
    }

    private List<Detected> codeLayers(FileGraph graph, List<String> code) {
        Set<String> codeSet = new TreeSet<>(code);
        Map<String, Set<String>> folderEdges = new TreeMap<>();
        Map<String, List<String>> filesOf = new TreeMap<>();
        Set<String> connected = new TreeSet<>();
        for (String id : code) {
            String folder = RepositoryPath.directory(graph.file(id).filePath());
            filesOf.computeIfAbsent(folder, k -> new ArrayList<>()).add(id);
            for (String target : graph.imports(id)) {
                if (codeSet.contains(target)) {
                    String other = RepositoryPath.directory(graph.file(target).filePath());
                    connected.add(id);
                    connected.add(target);
                    if (!other.equals(folder)) {
                        folderEdges
                                .computeIfAbsent(folder, k -> new TreeSet<>())
                                .add(other);
                    }
                }
            }
        }
        List<Placed> standalone = new ArrayList<>();
        Map<String, List<String>> linkedFolders = new TreeMap<>();
        filesOf.forEach((folder, files) -> {
            // A folder with any import in or out has a file at one end of it.
            if (files.stream().anyMatch(connected::contains)) {
                linkedFolders.put(folder, files);
            } else {
                files.forEach(id ->
                        standalone.add(new Placed(id, "imports no file of the repository, and no file imports it")));
            }
        });
        Map<String, Integer> depth = ComponentDepth.of(folderEdges);
        linkedFolders.keySet().forEach(folder -> depth.putIfAbsent(folder, 0));
        int maxDepth =
                linkedFolders.keySet().stream().mapToInt(depth::get).max().orElse(0);
        Map<Integer, Integer> bandOfDepth = bands(linkedFolders, depth);

        Map<Integer, List<String>> foldersOfBand = new TreeMap<>(Comparator.reverseOrder());
        linkedFolders
                .keySet()
                .forEach(folder -> foldersOfBand
                        .computeIfAbsent(bandOfDepth.get(depth.get(folder)), k -> new ArrayList<>())
                        .add(folder));
        List<Detected> layers = new ArrayList<>();
        int bandCount = foldersOfBand.size();
        int position = 0;
        for (List<String> folders : foldersOfBand.values()) {
            position++;
            folders.sort(
                    Comparator.comparing((String f) -> -linkedFolders.get(f).size())
                            .thenComparing(Comparator.naturalOrder()));
            List<Placed> placed = new ArrayList<>();
            for (String folder : folders) {
                for (String id : linkedFolders.get(folder)) {
                    placed.add(new Placed(
                            id,
                            "in " + shown(folder) + ", at dependency depth " + depth.get(folder) + " of " + maxDepth
                                    + " (the longest chain of imports from its folder down to one that imports"
                                    + " nothing of the repository)"));
                }
            }
            add(layers, Kind.CODE, name(folders), describe(position, bandCount, folders), placed);
        }
        add(
                layers,
                Kind.STANDALONE,
                "Standalone code",
                "Code that neither imports nor is imported by other files.",
                standalone);
        return layers;
    }

    /** Depth to band: one band per depth while they are few, else contiguous ranges holding similar numbers of files. */
    private static Map<Integer, Integer> bands(Map<String, List<String>> folders, Map<String, Integer> depth) {
        Map<Integer, Integer> filesAtDepth = new TreeMap<>();
        folders.forEach((folder, files) -> filesAtDepth.merge(depth.get(folder), files.size(), Integer::sum));
        Map<Integer, Integer> band = new TreeMap<>();
        if (filesAtDepth.size() <= MAX_CODE_LAYERS) {
            filesAtDepth.keySet().forEach(d -> band.put(d, d));
            return band;
        }
        int total = filesAtDepth.values().stream().mapToInt(Integer::intValue).sum();
        int below = 0;
        for (Map.Entry<Integer, Integer> level : filesAtDepth.entrySet()) {
            double middle = below + level.getValue() / 2.0;
            band.put(level.getKey(), Math.min(MAX_CODE_LAYERS - 1, (int) (middle * MAX_CODE_LAYERS / total)));
            below += level.getValue();
        }
        return band;
    }

    private static String name(List<String> folders) {
        List<String> names = folders.stream()
                .map(LayerDetector::leaf)
                .distinct()
                .limit(NAMED_FOLDERS)
                .toList();
        long more = folders.stream().map(LayerDetector::leaf).distinct().count() - names.size();
        return String.join(", ", names) + (more > 0 ? " and " + more + " more" : "");
    }

    private static String describe(int position, int count, List<String> folders) {
        String where = count == 1
                ? "The repository's code, in one layer of folders that import each other."
                : position == 1
                        ? "The top of the import graph: it imports the layers below, and no layer imports it."
                        : position == count
                                ? "The bottom of the import graph: the layers above import it, it imports none of them."
                                : "Layer " + position + " of " + count + " from the top of the import graph: it imports"
                                        + " only layers below it.";
        String shown = folders.stream().limit(8).map(LayerDetector::shown).collect(Collectors.joining(", "));
        return where + " Folders: " + shown + (folders.size() > 8 ? " and " + (folders.size() - 8) + " more." : ".");
    }

    private static void add(List<Detected> layers, Kind kind, String name, String description, List<Placed> placed) {
        if (placed.isEmpty()) {
            return;
        }
        Map<String, String> reasons = new LinkedHashMap<>();
        placed.forEach(p -> reasons.put(p.fileId(), p.reason()));
        layers.add(new Detected(
                new GraphLayer(
                        "layer:" + slug(name),
                        name,
                        description,
                        placed.stream().map(Placed::fileId).toList(),
                        reasons),
                kind));
    }

    /** Ids are unique: a second layer of the same name gets {@code -2}. */
    private static List<Detected> unique(List<Detected> layers) {
        Map<String, Integer> seen = new TreeMap<>();
        List<Detected> out = new ArrayList<>();
        for (Detected detected : layers) {
            GraphLayer layer = detected.layer();
            int n = seen.merge(layer.id(), 1, Integer::sum);
            out.add(
                    n == 1
                            ? detected
                            : new Detected(
                                    new GraphLayer(
                                            layer.id() + "-" + n,
                                            layer.name(),
                                            layer.description(),
                                            layer.nodeIds(),
                                            layer.reasons()),
                                    detected.kind()));
        }
        return out;
    }

    static String slug(String name) {
        String slug =
                name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return slug.isEmpty() ? "layer" : slug;
    }

    private static String leaf(String folder) {
        return folder.isEmpty() ? "root folder" : RepositoryPath.fileName(folder);
    }

    private static String shown(String folder) {
        return folder.isEmpty() ? "the root folder" : folder + "/";
    }

    private static String extension(String path) {
        String name = RepositoryPath.fileName(path).toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot + 1) : "";
    }

    /** The first folder of {@code path} whose name is in {@code names}, as written in the path, or "". */
    private static String folderAmong(String path, Set<String> names) {
        String[] parts = path.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            if (names.contains(parts[i].toLowerCase(Locale.ROOT))) {
                return String.join("/", Arrays.copyOfRange(parts, 0, i + 1));
            }
        }
        return "";
    }
}
