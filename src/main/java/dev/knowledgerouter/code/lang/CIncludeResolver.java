package dev.knowledgerouter.code.lang;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.code.syntax.FileExtraction;
import dev.knowledgerouter.code.syntax.ImportKind;
import dev.knowledgerouter.code.syntax.ImportRef;
import dev.knowledgerouter.code.syntax.ImportResolver;
import dev.knowledgerouter.code.syntax.ImportTarget;
import dev.knowledgerouter.code.syntax.RepositoryFiles;
import dev.knowledgerouter.code.syntax.RepositoryPath;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Resolves C and C++ {@code #include}s the way the compiler searches: a quoted include first in the including file's
 * directory, then, like an angled one, in the include directories. Those come from {@code compile_commands.json}
 * (at the root or in {@code build/}, {@code -I}, {@code -iquote} and {@code -isystem} flags, per file where the file
 * has an entry); without one, every directory named {@code include} and the root stand in, and a quoted include
 * that is still not found resolves to the one header in the repository whose path ends with it. An include found
 * nowhere is an external module: the library's first path segment ({@code boost} for {@code boost/asio.hpp}) or the
 * header itself ({@code stdio.h}).
 */
public final class CIncludeResolver implements ImportResolver {
    private static final List<String> COMPILE_COMMANDS =
            List.of("compile_commands.json", "build/compile_commands.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RepositoryFiles files;
    private final boolean hasCompileCommands;
    private final Map<String, List<String>> includeDirsByFile = new HashMap<>();
    private final List<String> includeDirs;
    /** Headers by file name, for the fallback without compile commands. */
    private final Map<String, List<String>> byFileName = new HashMap<>();

    public CIncludeResolver(RepositoryFiles files) {
        this.files = files;
        Set<String> all = new LinkedHashSet<>();
        boolean found = false;
        for (String name : COMPILE_COMMANDS) {
            Optional<String> text = files.read(name);
            if (text.isPresent()) {
                found |= readCompileCommands(text.get(), all);
            }
        }
        this.hasCompileCommands = found;
        if (!found) {
            for (String path : files.byPath().keySet()) {
                String dir = RepositoryPath.directory(path);
                int include = dir.equals("include") ? 0 : dir.indexOf("/include");
                if (include >= 0) {
                    all.add(include == 0 ? "include" : dir.substring(0, include) + "/include");
                }
                byFileName
                        .computeIfAbsent(RepositoryPath.fileName(path), k -> new ArrayList<>())
                        .add(path);
            }
            all.add("");
        }
        this.includeDirs = List.copyOf(all);
    }

    /** Reads the include directories of each entry; whether the file was a compilation database at all. */
    private boolean readCompileCommands(String text, Set<String> all) {
        JsonNode entries;
        try {
            entries = JSON.readTree(text);
        } catch (IOException e) {
            return false;
        }
        if (!entries.isArray()) {
            return false;
        }
        Path root = files.root().toAbsolutePath().normalize();
        for (JsonNode entry : entries) {
            Path directory = root.resolve(entry.path("directory").asText("")).normalize();
            List<String> arguments = new ArrayList<>();
            if (entry.path("arguments").isArray()) {
                entry.path("arguments").forEach(a -> arguments.add(a.asText()));
            } else {
                arguments.addAll(List.of(entry.path("command").asText("").trim().split("\\s+")));
            }
            List<String> dirs = new ArrayList<>();
            for (int i = 0; i < arguments.size(); i++) {
                String argument = arguments.get(i);
                for (String flag : List.of("-I", "-iquote", "-isystem")) {
                    if (argument.startsWith(flag)) {
                        String dir = argument.length() > flag.length()
                                ? argument.substring(flag.length())
                                : i + 1 < arguments.size() ? arguments.get(++i) : "";
                        inRepository(root, directory.resolve(dir).normalize()).ifPresent(dirs::add);
                        break;
                    }
                }
            }
            all.addAll(dirs);
            String file = entry.path("file").asText("");
            if (!file.isEmpty()) {
                inRepository(root, directory.resolve(file).normalize())
                        .ifPresent(path -> includeDirsByFile.put(path, dirs));
            }
        }
        return true;
    }

    private static Optional<String> inRepository(Path root, Path absolute) {
        if (!absolute.startsWith(root)) {
            return Optional.empty();
        }
        return Optional.of(root.relativize(absolute).toString().replace('\\', '/'));
    }

    @Override
    public ImportTarget resolve(FileExtraction from, ImportRef ref) {
        String spec = ref.spec();
        if (ref.kind() == ImportKind.FILE_INCLUDE) {
            Optional<String> local = existing(RepositoryPath.join(RepositoryPath.directory(from.path()), spec));
            if (local.isPresent()) {
                return new ImportTarget.InRepository(List.of(local.get()));
            }
        }
        for (String dir : includeDirsByFile.getOrDefault(from.path(), includeDirs)) {
            Optional<String> found = existing(RepositoryPath.join(dir, spec));
            if (found.isPresent()) {
                return new ImportTarget.InRepository(List.of(found.get()));
            }
        }
        if (!hasCompileCommands && ref.kind() == ImportKind.FILE_INCLUDE) {
            TreeSet<String> endingWith = new TreeSet<>();
            for (String candidate : byFileName.getOrDefault(RepositoryPath.fileName(spec), List.of())) {
                if (candidate.equals(spec) || candidate.endsWith("/" + spec)) {
                    endingWith.add(candidate);
                }
            }
            if (endingWith.size() == 1) {
                return new ImportTarget.InRepository(List.of(endingWith.first()));
            }
        }
        int slash = spec.indexOf('/');
        return new ImportTarget.External(slash > 0 ? spec.substring(0, slash) : spec);
    }

    /** The path normalised ({@code a/../b} as {@code b}) when it is an analysed file. */
    private Optional<String> existing(String path) {
        return RepositoryPath.normalize(path).filter(files::contains);
    }
}
