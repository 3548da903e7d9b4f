package dev.knowledgerouter.code.scan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The commit a git work tree has checked out, read from {@code .git} directly (no git binary needed). */
public final class GitHead {
    private GitHead() {}

    public static Optional<String> of(Path root) {
        Path git = root.resolve(".git");
        try {
            if (Files.isRegularFile(git)) {
                // A worktree or submodule: ".git" is a file naming the real git directory.
                String pointer = Files.readString(git, StandardCharsets.UTF_8).strip();
                if (!pointer.startsWith("gitdir:")) {
                    return Optional.empty();
                }
                git = root.resolve(pointer.substring(7).strip()).normalize();
            }
            Path head = git.resolve("HEAD");
            if (!Files.isRegularFile(head)) {
                return Optional.empty();
            }
            String content = Files.readString(head, StandardCharsets.UTF_8).strip();
            if (!content.startsWith("ref:")) {
                return hash(content);
            }
            String ref = content.substring(4).strip();
            Path loose = git.resolve(ref);
            if (Files.isRegularFile(loose)) {
                return hash(Files.readString(loose, StandardCharsets.UTF_8).strip());
            }
            Path common = Files.isRegularFile(git.resolve("commondir"))
                    ? git.resolve(Files.readString(git.resolve("commondir"), StandardCharsets.UTF_8)
                                    .strip())
                            .normalize()
                    : git;
            Path looseCommon = common.resolve(ref);
            if (Files.isRegularFile(looseCommon)) {
                return hash(
                        Files.readString(looseCommon, StandardCharsets.UTF_8).strip());
            }
            Path packed = common.resolve("packed-refs");
            if (Files.isRegularFile(packed)) {
                for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
                    if (line.endsWith(" " + ref)) {
                        return hash(line.substring(0, line.indexOf(' ')));
                    }
                }
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> hash(String text) {
        return text.matches("[0-9a-f]{40}|[0-9a-f]{64}") ? Optional.of(text) : Optional.empty();
    }
}
