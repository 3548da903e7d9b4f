package dev.knowledgerouter.code.lang;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.code.syntax.Declaration;
import dev.knowledgerouter.code.syntax.FileExtraction;
import dev.knowledgerouter.code.syntax.ImportKind;
import dev.knowledgerouter.code.syntax.ImportRef;
import dev.knowledgerouter.code.syntax.ImportResolver;
import dev.knowledgerouter.code.syntax.ImportTarget;
import dev.knowledgerouter.code.syntax.Language;
import dev.knowledgerouter.code.syntax.RepositoryFiles;
import dev.knowledgerouter.code.syntax.RepositoryPath;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Resolves PHP {@code use} declarations as Composer's autoloader finds classes: by the PSR-4 maps of
 * {@code composer.json} ({@code autoload} and {@code autoload-dev}; the longest namespace prefix first, then each of
 * its directories), {@code App\Models\User} under {@code "App\\": "src/"} being {@code src/Models/User.php}. A name
 * no map places resolves by the namespace and name that files declare (functions and constants too), and
 * {@code require}/{@code include} paths relative to the including file. What the repository lacks is external, named
 * by its namespace.
 */
public final class PhpImportResolver implements ImportResolver {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RepositoryFiles files;
    /** Namespace prefix (with its trailing backslash) to directories, longest prefix first. */
    private final TreeMap<String, List<String>> psr4 =
            new TreeMap<>(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));

    private final Map<String, TreeSet<String>> filesByName = new TreeMap<>();
    private final Map<String, TreeSet<String>> filesByNamespace = new TreeMap<>();

    public PhpImportResolver(RepositoryFiles files) {
        this.files = files;
        for (String path : files.byPath().keySet()) {
            if (RepositoryPath.fileName(path).equals("composer.json")) {
                readComposer(path);
            }
        }
        for (FileExtraction file : files.byPath().values()) {
            if (file.language() != Language.PHP) {
                continue;
            }
            filesByNamespace
                    .computeIfAbsent(file.packageName(), n -> new TreeSet<>())
                    .add(file.path());
            for (Declaration declaration : file.declarations()) {
                if (declaration.parent().isEmpty()) {
                    String qualified = file.packageName().isEmpty()
                            ? declaration.name()
                            : file.packageName() + "\\" + declaration.name();
                    filesByName.computeIfAbsent(qualified, n -> new TreeSet<>()).add(file.path());
                }
            }
        }
    }

    private void readComposer(String path) {
        JsonNode composer;
        try {
            composer = JSON.readTree(files.read(path).orElse("{}"));
        } catch (IOException e) {
            return;
        }
        String base = RepositoryPath.directory(path);
        for (String section : List.of("autoload", "autoload-dev")) {
            composer.path(section).path("psr-4").properties().forEach(entry -> {
                List<String> dirs = psr4.computeIfAbsent(entry.getKey(), k -> new ArrayList<>());
                JsonNode value = entry.getValue();
                List<JsonNode> written = new ArrayList<>();
                if (value.isArray()) {
                    value.forEach(written::add);
                } else {
                    written.add(value);
                }
                for (JsonNode dir : written) {
                    RepositoryPath.normalize(RepositoryPath.join(base, dir.asText()))
                            .ifPresent(dirs::add);
                }
            });
        }
    }

    @Override
    public ImportTarget resolve(FileExtraction from, ImportRef ref) {
        String spec = ref.spec();
        if (ref.kind() == ImportKind.FILE_INCLUDE) {
            return RepositoryPath.normalize(RepositoryPath.join(RepositoryPath.directory(from.path()), spec))
                    .filter(files::contains)
                    .<ImportTarget>map(path -> new ImportTarget.InRepository(List.of(path)))
                    .orElseGet(() -> new ImportTarget.External(RepositoryPath.fileName(spec)));
        }
        for (Map.Entry<String, List<String>> entry : psr4.entrySet()) {
            String prefix = entry.getKey();
            if (!spec.startsWith(prefix) && !(spec + "\\").equals(prefix)) {
                continue;
            }
            String relative =
                    spec.substring(Math.min(spec.length(), prefix.length())).replace('\\', '/') + ".php";
            for (String dir : entry.getValue()) {
                String path = RepositoryPath.join(dir, relative);
                if (files.contains(path)) {
                    return new ImportTarget.InRepository(List.of(path));
                }
            }
        }
        TreeSet<String> declaring = filesByName.get(spec);
        if (declaring != null) {
            return new ImportTarget.InRepository(List.copyOf(declaring));
        }
        int slash = spec.lastIndexOf('\\');
        return new ImportTarget.External(slash < 0 ? spec : spec.substring(0, slash));
    }

    @Override
    public List<String> implicitlyVisible(FileExtraction from) {
        TreeSet<String> same = filesByNamespace.get(from.packageName());
        if (from.language() != Language.PHP || same == null) {
            return List.of();
        }
        List<String> others = new ArrayList<>(same);
        others.remove(from.path());
        return List.copyOf(others);
    }
}
