package dev.knowledgerouter.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.knowledgerouter.config.ConfigException;
import dev.knowledgerouter.config.LocalRule;
import dev.knowledgerouter.files.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * Writes tuned rules into {@code routing.profiles.<name>} of a kr.yaml (its {@code local_when} when the
 * profile is written as a mapping), keeping everything else.
 * The previous file is copied beside it first ({@code kr.yaml.bak-<UTC time>}), and the new one
 * replaces it through {@link AtomicFile}, so a crash leaves either the old or the new file, never half
 * of one, and the file keeps its permissions. The YAML is rewritten from its tree, so comments survive
 * only in the backup.
 */
public final class ThresholdsFile {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .build())
            .build();

    /** What was written, and where the previous file went (empty when there was none). */
    public record Applied(Path file, Optional<Path> backup) {}

    private ThresholdsFile() {}

    public static Applied apply(Path file, String profile, List<LocalRule> rules, Clock clock) {
        try {
            ObjectNode root;
            if (Files.isRegularFile(file)) {
                JsonNode read = YAML.readTree(file.toFile());
                if (read != null && !read.isMissingNode() && !read.isNull() && !read.isObject()) {
                    throw new ConfigException(
                            file + " is not a YAML mapping; fix it or move it away before applying thresholds");
                }
                root = read instanceof ObjectNode o ? o : YAML.createObjectNode();
            } else {
                root = YAML.createObjectNode();
            }
            ObjectNode routing = child(root, "routing", file);
            ObjectNode profiles = child(routing, "profiles", file);
            // A profile written as a mapping keeps its other keys (reuse_above, escalate_at); its rules are local_when.
            JsonNode existing = profiles.get(profile);
            ArrayNode list = existing instanceof ObjectNode mapping
                    ? mapping.putArray("local_when")
                    : profiles.putArray(profile);
            for (LocalRule r : rules) {
                list.addObject()
                        .put("relevance_above", r.relevanceAbove())
                        .put("complexity_below", r.complexityBelow());
            }
            Optional<Path> backup = Optional.empty();
            if (Files.exists(file)) {
                Path copy = file.resolveSibling(file.getFileName() + ".bak-" + STAMP.format(clock.instant()));
                Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                backup = Optional.of(copy);
            }
            AtomicFile.writeUserFile(file, out -> YAML.writeValue(out, root));
            return new Applied(file, backup);
        } catch (IOException e) {
            throw new ConfigException("cannot write the tuned thresholds to " + file + ": " + e.getMessage()
                    + "; check that the file and its folder are writable");
        }
    }

    private static ObjectNode child(ObjectNode parent, String name, Path file) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return parent.putObject(name);
        }
        if (!node.isObject()) {
            throw new ConfigException(file + ": '" + name + "' is not a mapping; fix it before applying thresholds");
        }
        return (ObjectNode) node;
    }
}
