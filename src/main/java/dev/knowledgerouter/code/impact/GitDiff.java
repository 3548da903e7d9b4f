package dev.knowledgerouter.code.impact;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs {@code git diff -U0 <base>} in a repository folder: the working tree against a base revision, paths
 * relative to that folder. git runs as a process of its own with an argument list (no shell) and a time limit;
 * a base that could pass for an option, or that is not a plain revision name, never reaches it.
 */
public final class GitDiff {
    public static final String DEFAULT_BASE = "HEAD";
    /** Revision names, {@code HEAD~2}, {@code main^}, {@code @{u}}: no spaces, ranges, paths or options. */
    private static final Pattern REVISION = Pattern.compile("[A-Za-z0-9_./~^@{}-]{1,200}");

    private static final int MAX_DIFF_BYTES = 64 * 1024 * 1024;
    private static final int MAX_MESSAGE_CHARS = 300;

    private final Duration timeout;

    public GitDiff(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * @throws GitDiffException when {@code root} is not in a git work tree, the base is refused or unknown, or git
     *     fails or takes longer than the time limit
     */
    public ChangeSet changes(Path root, String base) {
        checkBase(base);
        Result inside = run(root, List.of("rev-parse", "--is-inside-work-tree"));
        if (inside.exit() != 0 || !inside.out().strip().equals("true")) {
            throw new GitDiffException(
                    GitDiffException.Reason.NOT_A_GIT_REPOSITORY,
                    root + " is not inside a git work tree, so it has no diff; impact needs a git checkout"
                            + " (run kr analyze on the checkout's folder)");
        }
        Result commit = run(root, List.of("rev-parse", "--verify", "--quiet", "--end-of-options", base + "^{commit}"));
        if (commit.exit() != 0) {
            throw new GitDiffException(
                    GitDiffException.Reason.BAD_BASE,
                    "'" + base + "' is not a commit of this repository; pass a branch, tag or commit such as HEAD,"
                            + " main or HEAD~1");
        }
        Result diff = run(
                root,
                List.of(
                        "diff",
                        "-U0",
                        "--no-color",
                        "--no-ext-diff",
                        "--no-textconv",
                        "-M",
                        "--relative",
                        "--src-prefix=a/",
                        "--dst-prefix=b/",
                        commit.out().strip(),
                        "--"));
        if (diff.exit() != 0) {
            throw new GitDiffException(
                    GitDiffException.Reason.GIT_FAILED, "git diff failed in " + root + ": " + firstLine(diff.err()));
        }
        return DiffParser.parse(diff.out());
    }

    static void checkBase(String base) {
        if (base == null || base.isBlank()) {
            throw new GitDiffException(
                    GitDiffException.Reason.BAD_BASE, "the base is empty; pass a revision such as HEAD or main");
        }
        if (base.startsWith("-")) {
            throw new GitDiffException(
                    GitDiffException.Reason.BAD_BASE,
                    "the base '" + base + "' starts with '-' and would be read as an option; pass a revision such as"
                            + " HEAD or main");
        }
        if (!REVISION.matcher(base).matches() || base.contains("..")) {
            throw new GitDiffException(
                    GitDiffException.Reason.BAD_BASE,
                    "the base must be one revision name (letters, digits and . _ / ~ ^ @ { } -, no ranges), got '"
                            + base + "'; pass a branch, tag or commit such as HEAD~1");
        }
    }

    private record Result(int exit, String out, String err) {}

    private Result run(Path root, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of("git", "-c", "core.quotePath=false"));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
        Map<String, String> env = builder.environment();
        // The repository is the folder itself, whatever the caller's environment points git at.
        env.remove("GIT_DIR");
        env.remove("GIT_WORK_TREE");
        env.put("GIT_TERMINAL_PROMPT", "0");
        env.put("LC_ALL", "C");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new GitDiffException(
                    GitDiffException.Reason.GIT_FAILED,
                    "cannot run git (" + e.getMessage() + "); impact needs git installed and on the PATH");
        }
        try {
            process.getOutputStream().close();
            // Both pipes drain at once: git blocks when either fills.
            Executor reader = task -> Thread.ofVirtual().start(task);
            CompletableFuture<String> out =
                    CompletableFuture.supplyAsync(() -> read(process.getInputStream(), process), reader);
            CompletableFuture<String> err =
                    CompletableFuture.supplyAsync(() -> read(process.getErrorStream(), process), reader);
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new GitDiffException(
                        GitDiffException.Reason.GIT_FAILED,
                        "git " + arguments.getFirst() + " took longer than " + timeout.toSeconds() + " s in " + root);
            }
            return new Result(process.exitValue(), out.get(), err.get());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new GitDiffException(GitDiffException.Reason.GIT_FAILED, "interrupted while git ran");
        } catch (IOException | ExecutionException e) {
            process.destroyForcibly();
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof GitDiffException refused) {
                throw refused;
            }
            throw new GitDiffException(
                    GitDiffException.Reason.GIT_FAILED, "cannot read what git wrote: " + cause.getMessage());
        }
    }

    private static String read(InputStream in, Process process) {
        try (in) {
            byte[] bytes = in.readNBytes(MAX_DIFF_BYTES + 1);
            if (bytes.length > MAX_DIFF_BYTES) {
                process.destroyForcibly();
                throw new GitDiffException(
                        GitDiffException.Reason.GIT_FAILED,
                        "the diff is larger than " + MAX_DIFF_BYTES / (1024 * 1024)
                                + " MB; compare against a nearer base");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("no message");
        return line.length() > MAX_MESSAGE_CHARS ? line.substring(0, MAX_MESSAGE_CHARS) + "..." : line;
    }
}
