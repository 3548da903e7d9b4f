package dev.knowledgerouter.config;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a configuration is read against besides kr.yaml: the environment, which wins over the file,
 * and the working directory that relative paths start from.
 */
record ConfigEnvironment(Path workDir, Map<String, String> vars) {

    /** A variable that is set to something other than blanks, stripped. */
    Optional<String> get(String key) {
        return Optional.ofNullable(vars.get(key)).map(String::strip).filter(v -> !v.isEmpty());
    }

    /** A comma-separated variable as its non-empty entries, stripped. */
    Optional<List<String>> list(String key) {
        return get(key).map(v -> Arrays.stream(v.split(","))
                .map(String::strip)
                .filter(e -> !e.isEmpty())
                .toList());
    }

    /** A path as given: {@code ~/} is the user's home, and a relative path starts in the working directory. */
    Path path(String raw) {
        Path p = raw.startsWith("~/") ? Path.of(System.getProperty("user.home"), raw.substring(2)) : Path.of(raw);
        return workDir.resolve(p).toAbsolutePath();
    }

    /** Like {@link #path}, and a lone {@code ~} is the user's home itself. */
    Path userPath(String raw) {
        if (raw.equals("~") || raw.startsWith("~/")) {
            return Path.of(System.getProperty("user.home"))
                    .resolve(raw.length() > 2 ? raw.substring(2) : "")
                    .normalize();
        }
        return path(raw);
    }
}
