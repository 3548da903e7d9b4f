package dev.knowledgerouter.code.format;

import dev.knowledgerouter.code.syntax.DeclarationKind;
import dev.knowledgerouter.code.syntax.FileExtraction;
import dev.knowledgerouter.code.syntax.Language;
import dev.knowledgerouter.code.syntax.RelationRef;
import dev.knowledgerouter.code.syntax.RepositoryPath;
import dev.knowledgerouter.code.syntax.SourceText;
import dev.knowledgerouter.code.syntax.TextFormatExtractor;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the YAML files that describe how a system runs, with SnakeYAML's node tree (which keeps lines), and leaves
 * other YAML a plain file. A compose file (a top-level {@code services} map) gives one {@code service} node per
 * service, depending on its image, its build's Dockerfile, the services of its {@code depends_on} and the named
 * volumes it mounts ({@code resource} nodes); its ports and volumes are its signature. A Kubernetes manifest (documents
 * with {@code apiVersion}, {@code kind} and {@code metadata.name}) gives one {@code resource} node per object,
 * {@code Kind/name}, depending on its containers' images and on the ConfigMaps and Secrets it references. Aliases are
 * not expanded; a document that does not parse ends the reading, what came before is kept.
 */
public final class YamlStructureExtractor implements TextFormatExtractor {
    @Override
    public FileExtraction extract(String path, SourceText source) {
        FormatOutput out = new FormatOutput();
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true);
        options.setMaxAliasesForCollections(10);
        try {
            for (Node document : new Yaml(options).composeAll(new StringReader(source.text()))) {
                if (document instanceof MappingNode map) {
                    Optional<Node> services = value(map, "services");
                    if (services.isPresent() && services.get() instanceof MappingNode servicesMap) {
                        compose(path, map, servicesMap, out);
                    } else if (value(map, "kind").isPresent()
                            && value(map, "apiVersion").isPresent()) {
                        kubernetes(map, out);
                    }
                }
            }
        } catch (YAMLException e) {
            out.error();
        }
        return out.build(path, Language.YAML, source);
    }

    private static void compose(String path, MappingNode root, MappingNode services, FormatOutput out) {
        String context = RepositoryPath.directory(path);
        List<String> volumes = new ArrayList<>();
        value(root, "volumes").filter(MappingNode.class::isInstance).ifPresent(node -> {
            for (NodeTuple tuple : ((MappingNode) node).getValue()) {
                String name = scalar(tuple.getKeyNode());
                volumes.add(name);
                out.declare(
                        DeclarationKind.VOLUME,
                        name,
                        "",
                        "volume " + name,
                        line(tuple.getKeyNode()),
                        line(tuple.getKeyNode()));
            }
        });
        for (NodeTuple tuple : services.getValue()) {
            String name = scalar(tuple.getKeyNode());
            if (name.isEmpty() || !(tuple.getValueNode() instanceof MappingNode service)) {
                continue;
            }
            String image =
                    value(service, "image").map(YamlStructureExtractor::scalar).orElse("");
            List<String> ports = strings(value(service, "ports"), "published", "target");
            List<String> mounts = strings(value(service, "volumes"), "source", "target");
            StringBuilder signature = new StringBuilder("service ").append(name);
            if (!image.isEmpty()) {
                signature.append(" image ").append(image);
            }
            if (!ports.isEmpty()) {
                signature.append(" ports ").append(String.join(", ", ports));
            }
            if (!mounts.isEmpty()) {
                signature.append(" volumes ").append(String.join(", ", mounts));
            }
            int line = line(tuple.getKeyNode());
            String qualified = out.declare(
                    DeclarationKind.SERVICE, name, "", signature.toString(), line, endLine(tuple.getValueNode()));
            if (!image.isEmpty() && !image.contains("$")) {
                out.relation(RelationRef.toExternal(qualified, image, "image", "depends_on", line));
            }
            value(service, "build")
                    .ifPresent(build -> dockerfile(context, build)
                            .ifPresent(dockerfile -> out.relation(
                                    RelationRef.toPath(qualified, dockerfile, "depends_on", line(build)))));
            value(service, "depends_on").ifPresent(dependsOn -> {
                for (String other : keysOrItems(dependsOn)) {
                    out.relation(RelationRef.toDeclaration(qualified, other, "depends_on", line(dependsOn)));
                }
            });
            for (String mount : mounts) {
                String source = mount.split(":")[0];
                if (volumes.contains(source)) {
                    out.relation(RelationRef.toDeclaration(qualified, source, "depends_on", line));
                }
            }
        }
    }

    /** The Dockerfile a {@code build:} names: its {@code dockerfile} in its {@code context}, by default {@code Dockerfile}. */
    private static Optional<String> dockerfile(String base, Node build) {
        String context = ".";
        String file = "Dockerfile";
        if (build instanceof ScalarNode scalar) {
            context = scalar.getValue();
        } else if (build instanceof MappingNode map) {
            context = value(map, "context").map(YamlStructureExtractor::scalar).orElse(".");
            file = value(map, "dockerfile").map(YamlStructureExtractor::scalar).orElse(file);
        }
        if (context.contains("://") || context.contains("$")) {
            return Optional.empty();
        }
        return RepositoryPath.normalize(RepositoryPath.join(RepositoryPath.join(base, context), file));
    }

    private static void kubernetes(MappingNode object, FormatOutput out) {
        String kind = value(object, "kind").map(YamlStructureExtractor::scalar).orElse("");
        String name = value(object, "metadata")
                .filter(MappingNode.class::isInstance)
                .flatMap(metadata -> value((MappingNode) metadata, "name"))
                .map(YamlStructureExtractor::scalar)
                .orElse("");
        if (kind.isEmpty() || name.isEmpty()) {
            return;
        }
        int line = line(object);
        String qualified =
                out.declare(DeclarationKind.RESOURCE, kind + "/" + name, "", kind + " " + name, line, endLine(object));
        walk(object, qualified, out);
    }

    /** Images and ConfigMap/Secret references anywhere in an object. */
    private static void walk(Node node, String from, FormatOutput out) {
        if (node instanceof MappingNode map) {
            for (NodeTuple tuple : map.getValue()) {
                String key = scalar(tuple.getKeyNode());
                Node value = tuple.getValueNode();
                if (key.equals("image")
                        && value instanceof ScalarNode image
                        && !image.getValue().contains("$")) {
                    out.relation(RelationRef.toExternal(from, image.getValue(), "image", "depends_on", line(value)));
                } else if ((key.equals("configMapRef") || key.equals("configMapKeyRef") || key.equals("configMap"))
                        && value instanceof MappingNode ref) {
                    value(ref, "name")
                            .ifPresent(n -> out.relation(
                                    RelationRef.toDeclaration(from, "ConfigMap/" + scalar(n), "depends_on", line(n))));
                } else if ((key.equals("secretRef") || key.equals("secretKeyRef"))
                        && value instanceof MappingNode ref) {
                    value(ref, "name")
                            .ifPresent(n -> out.relation(
                                    RelationRef.toDeclaration(from, "Secret/" + scalar(n), "depends_on", line(n))));
                } else if (key.equals("secret") && value instanceof MappingNode ref) {
                    value(ref, "secretName")
                            .ifPresent(n -> out.relation(
                                    RelationRef.toDeclaration(from, "Secret/" + scalar(n), "depends_on", line(n))));
                } else {
                    walk(value, from, out);
                }
            }
        } else if (node instanceof SequenceNode sequence) {
            sequence.getValue().forEach(item -> walk(item, from, out));
        }
    }

    private static Optional<Node> value(MappingNode map, String key) {
        for (NodeTuple tuple : map.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode scalar
                    && scalar.getValue().equals(key)) {
                return Optional.of(tuple.getValueNode());
            }
        }
        return Optional.empty();
    }

    private static String scalar(Node node) {
        return node instanceof ScalarNode scalar ? scalar.getValue().strip() : "";
    }

    /** A list of scalars, or of maps written long-form (two of their keys joined by {@code :}). */
    private static List<String> strings(Optional<Node> node, String first, String second) {
        List<String> found = new ArrayList<>();
        if (node.isPresent() && node.get() instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                if (item instanceof ScalarNode scalar) {
                    found.add(scalar.getValue());
                } else if (item instanceof MappingNode map) {
                    String a = value(map, first)
                            .map(YamlStructureExtractor::scalar)
                            .orElse("");
                    String b = value(map, second)
                            .map(YamlStructureExtractor::scalar)
                            .orElse("");
                    found.add(a.isEmpty() ? b : a + ":" + b);
                }
            }
        }
        return found;
    }

    /** {@code depends_on} as a list of names, or as a map from name to condition. */
    private static List<String> keysOrItems(Node node) {
        List<String> names = new ArrayList<>();
        if (node instanceof SequenceNode sequence) {
            sequence.getValue().forEach(item -> names.add(scalar(item)));
        } else if (node instanceof MappingNode map) {
            map.getValue().forEach(tuple -> names.add(scalar(tuple.getKeyNode())));
        }
        names.removeIf(String::isEmpty);
        return names;
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    /** The last line a node spans: its end mark sits at the start of the line after a block value. */
    private static int endLine(Node node) {
        int end = node.getEndMark().getLine() + 1;
        return node.getEndMark().getColumn() == 0 ? Math.max(line(node), end - 1) : end;
    }
}
