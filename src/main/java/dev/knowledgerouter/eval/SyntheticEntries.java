package dev.knowledgerouter.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Plausible, distinct developer-knowledge entries generated from vocabularies, to fill a store to a
 * benchmark size that hand-written seed data cannot reach. Deterministic for a given seed.
 */
final class SyntheticEntries {
    private static final List<String> TOOLS = List.of(
            "maven",
            "gradle",
            "npm",
            "pip",
            "poetry",
            "cargo",
            "go modules",
            "docker",
            "docker compose",
            "kubectl",
            "helm",
            "terraform",
            "git",
            "systemd",
            "nginx",
            "postgres",
            "redis",
            "ollama",
            "qdrant",
            "cuda",
            "pytest",
            "junit",
            "webpack",
            "vite",
            "spring boot",
            "django",
            "flask",
            "node",
            "java",
            "python");
    private static final List<String> ERRORS = List.of(
            "connection refused",
            "permission denied",
            "out of memory",
            "checksum mismatch",
            "version conflict",
            "timeout while resolving",
            "certificate expired",
            "file not found",
            "port already in use",
            "unsupported class file version",
            "segmentation fault",
            "lock file is out of date",
            "module not found",
            "invalid configuration key",
            "disk quota exceeded",
            "too many open files",
            "signature verification failed",
            "unexpected end of input",
            "dependency cycle detected",
            "authentication required");
    private static final List<String> ACTIONS = List.of(
            "building the project",
            "running the tests",
            "starting the container",
            "pushing the image",
            "installing dependencies",
            "upgrading to the latest version",
            "deploying to production",
            "running in CI",
            "starting the service at boot",
            "loading the model",
            "creating the collection",
            "resolving the lock file",
            "compiling native extensions",
            "merging the branch",
            "restoring the cache",
            "mounting the volume",
            "exporting metrics",
            "rotating the logs",
            "applying the migration",
            "generating the client");
    private static final List<String> PLATFORMS = List.of(
            "Ubuntu 24.04",
            "Debian 12",
            "NixOS",
            "macOS on Apple silicon",
            "Windows with WSL2",
            "Alpine Linux",
            "Fedora",
            "a GitHub Actions runner",
            "a Kubernetes pod",
            "a Raspberry Pi");
    private static final List<String> FIXES = List.of(
            "pin the version explicitly",
            "clear the local cache and retry",
            "run the command as the owning user",
            "raise the limit in the service configuration",
            "regenerate the lock file",
            "install the missing system package",
            "point the tool at the right JDK or interpreter",
            "import the CA certificate into the trust store",
            "free the port or pick another one",
            "increase the memory available to the process");

    private final Random random;

    SyntheticEntries(long seed) {
        this.random = new Random(seed);
    }

    /** The {@code n}-th generated entry for {@code collection}, shaped like its seed data. */
    Map<String, Object> next(String collection, long n) {
        String tool = pick(TOOLS);
        String error = pick(ERRORS);
        String action = pick(ACTIONS);
        String platform = pick(PLATFORMS);
        String fix = pick(FIXES);
        String id = "synthetic-" + collection + "-" + n;
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", id);
        switch (collection) {
            case "error-solutions" -> {
                p.put("error", tool + ": " + error + " (code " + (100 + random.nextInt(900)) + ")");
                p.put("context", "Happens when " + action + " with " + tool + " on " + platform + ".");
                p.put(
                        "root_cause",
                        "The " + tool + " setup on " + platform + " does not match what " + action + " expects.");
                p.put("solution", "To fix it, " + fix + ", then retry " + action + ".");
            }
            case "skills-patterns" -> {
                p.put("title", "Handle " + error + " in " + tool + " while " + action);
                p.put(
                        "problem",
                        "How do I deal with " + error + " from " + tool + " when " + action + " on " + platform + "?");
                p.put("pattern", "Reproduce it, " + fix + ", and add a check for it to the " + tool + " setup.");
            }
            default -> {
                p.put("title", "Prevent " + error + " in " + tool + " when " + action);
                p.put("topic", tool);
                p.put("guidance", "On " + platform + ", " + fix + " before " + action + " with " + tool + ".");
                p.put("rationale", "It avoids " + error + " surprises late in the pipeline.");
            }
        }
        p.put("tags", List.of("synthetic", tool.replace(' ', '-')));
        return p;
    }

    private String pick(List<String> options) {
        return options.get(random.nextInt(options.size()));
    }
}
