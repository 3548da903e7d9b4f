package dev.knowledgerouter.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A Python repository written on the fly, as large as a test needs: analysing it takes time in proportion. */
public final class GeneratedRepository {
    private GeneratedRepository() {}

    /**
     * Writes {@code files} modules of {@code functions} documented functions each under {@code root/pkg/};
     * each file becomes one file node and {@code functions} function nodes.
     */
    public static Path python(Path root, int files, int functions) throws IOException {
        Path pkg = Files.createDirectories(root.resolve("pkg"));
        for (int f = 0; f < files; f++) {
            StringBuilder source = new StringBuilder();
            source.append("\"\"\"Helpers for area ").append(f).append(" of the inventory service.\"\"\"\n\n");
            for (int g = 0; g < functions; g++) {
                source.append("def area_")
                        .append(f)
                        .append("_step_")
                        .append(g)
                        .append("(items, limit=")
                        .append(g + 1)
                        .append("):\n")
                        .append("    \"\"\"Filters the items of area ")
                        .append(f)
                        .append(" for step ")
                        .append(g)
                        .append(".\"\"\"\n")
                        .append("    kept = [item for item in items if item.size <= limit]\n")
                        .append("    return sorted(kept, key=lambda item: item.name)\n\n\n");
            }
            Files.writeString(pkg.resolve(String.format("area_%04d.py", f)), source);
        }
        return root;
    }
}
