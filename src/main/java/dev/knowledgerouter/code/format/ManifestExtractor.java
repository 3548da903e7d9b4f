package dev.knowledgerouter.code.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.knowledgerouter.code.syntax.DeclarationKind;
import dev.knowledgerouter.code.syntax.FileExtraction;
import dev.knowledgerouter.code.syntax.Language;
import dev.knowledgerouter.code.syntax.RelationRef;
import dev.knowledgerouter.code.syntax.RepositoryPath;
import dev.knowledgerouter.code.syntax.SafeXml;
import dev.knowledgerouter.code.syntax.SourceText;
import dev.knowledgerouter.code.syntax.TextFormatExtractor;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * Reads package manifests into {@code depends_on} edges from the manifest's file node: {@code package.json}
 * (dependencies of every kind, and each script as a {@code pipeline} node), {@code pom.xml} (dependencies as
 * {@code groupId:artifactId}, modules and the parent's {@code pom.xml} as paths), {@code .csproj} (package and project
 * references), {@code Cargo.toml} (dependencies of every table, {@code path} dependencies and workspace members as
 * paths) and {@code pyproject.toml} (PEP 621, optional and Poetry dependencies, by distribution name). A dependency is
 * an external module tagged {@code package}; another file of this type is left a plain file. Values that are not
 * names (versions, features) are never kept.
 */
public final class ManifestExtractor implements TextFormatExtractor {
    private static final Set<String> NPM_DEPENDENCIES =
            Set.of("dependencies", "devDependencies", "peerDependencies", "optionalDependencies");
    private static final TomlMapper TOML = new TomlMapper();
    private static final JsonFactory JSON = new JsonFactory();

    private final Language language;

    public ManifestExtractor(Language language) {
        this.language = language;
    }

    @Override
    public FileExtraction extract(String path, SourceText source) {
        String name = RepositoryPath.fileName(path).toLowerCase(Locale.ROOT);
        FormatOutput out = new FormatOutput();
        try {
            switch (name) {
                case "package.json" -> packageJson(source, out);
                case "pom.xml" -> pom(path, source, out);
                case "cargo.toml" -> cargo(path, TOML.readTree(source.text()), out);
                case "pyproject.toml" -> pyproject(TOML.readTree(source.text()), out);
                default -> {
                    if (name.endsWith(".csproj")) {
                        csproj(path, source, out);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            out.error();
        }
        return out.build(path, language, source);
    }

    /** Streams the JSON, which keeps each entry's line: scripts are nodes, dependencies edges. */
    private static void packageJson(SourceText source, FormatOutput out) throws IOException {
        try (JsonParser parser = JSON.createParser(source.text())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String section = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.START_OBJECT
                        && (NPM_DEPENDENCIES.contains(section) || section.equals("scripts"))) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String key = parser.currentName();
                        int line = parser.currentTokenLocation().getLineNr();
                        parser.nextToken();
                        if (section.equals("scripts")) {
                            String command = parser.getValueAsString("");
                            out.declare(DeclarationKind.SCRIPT, key, "", "script " + key + ": " + command, line, line);
                        } else {
                            out.relation(RelationRef.toExternal("", key, "package", "depends_on", line));
                        }
                        parser.skipChildren();
                    }
                } else {
                    parser.skipChildren();
                }
            }
        }
    }

    private static void pom(String path, SourceText source, FormatOutput out) {
        Element project =
                SafeXml.parse(source.text()).map(d -> d.getDocumentElement()).orElse(null);
        if (project == null) {
            out.error();
            return;
        }
        String dir = RepositoryPath.directory(path);
        for (Element dependencies : SafeXml.children(project, "dependencies")) {
            for (Element dependency : SafeXml.children(dependencies, "dependency")) {
                String group = SafeXml.childText(dependency, "groupId");
                String artifact = SafeXml.childText(dependency, "artifactId");
                if (!artifact.isEmpty()) {
                    String module = group.isEmpty() ? artifact : group + ":" + artifact;
                    out.relation(RelationRef.toExternal("", module, "package", "depends_on", 1));
                }
            }
        }
        for (Element modules : SafeXml.children(project, "modules")) {
            for (Element module : SafeXml.children(modules, "module")) {
                pathTo(dir, module.getTextContent().strip() + "/pom.xml", out);
            }
        }
        for (Element parent : SafeXml.children(project, "parent")) {
            String relative = SafeXml.children(parent, "relativePath").isEmpty()
                    ? "../pom.xml"
                    : SafeXml.childText(parent, "relativePath");
            if (!relative.isEmpty()) {
                pathTo(dir, relative.endsWith(".xml") ? relative : relative + "/pom.xml", out);
            }
        }
    }

    private static void csproj(String path, SourceText source, FormatOutput out) {
        Element project =
                SafeXml.parse(source.text()).map(d -> d.getDocumentElement()).orElse(null);
        if (project == null) {
            out.error();
            return;
        }
        var packages = project.getElementsByTagName("PackageReference");
        for (int i = 0; i < packages.getLength(); i++) {
            String include = ((Element) packages.item(i)).getAttribute("Include");
            if (!include.isEmpty()) {
                out.relation(RelationRef.toExternal("", include, "package", "depends_on", 1));
            }
        }
        var projects = project.getElementsByTagName("ProjectReference");
        for (int i = 0; i < projects.getLength(); i++) {
            String include =
                    ((Element) projects.item(i)).getAttribute("Include").replace('\\', '/');
            pathTo(RepositoryPath.directory(path), include, out);
        }
    }

    private static void cargo(String path, JsonNode cargo, FormatOutput out) {
        String dir = RepositoryPath.directory(path);
        cargoDependencies(dir, cargo, out);
        cargoDependencies(dir, cargo.path("workspace"), out);
        Iterator<Map.Entry<String, JsonNode>> targets =
                cargo.path("target").properties().iterator();
        while (targets.hasNext()) {
            cargoDependencies(dir, targets.next().getValue(), out);
        }
        for (JsonNode member : cargo.path("workspace").path("members")) {
            String written = member.asText();
            if (!written.contains("*")) {
                pathTo(dir, written + "/Cargo.toml", out);
            }
        }
    }

    private static void cargoDependencies(String dir, JsonNode table, FormatOutput out) {
        for (String section : new String[] {"dependencies", "dev-dependencies", "build-dependencies"}) {
            table.path(section).properties().forEach(entry -> {
                JsonNode spec = entry.getValue();
                if (spec.path("path").isTextual()) {
                    pathTo(dir, spec.path("path").asText() + "/Cargo.toml", out);
                } else {
                    String crate = spec.path("package").isTextual()
                            ? spec.path("package").asText()
                            : entry.getKey();
                    out.relation(RelationRef.toExternal("", crate, "package", "depends_on", 1));
                }
            });
        }
    }

    private static void pyproject(JsonNode pyproject, FormatOutput out) {
        JsonNode project = pyproject.path("project");
        project.path("dependencies").forEach(requirement -> pythonPackage(requirement.asText(), out));
        project.path("optional-dependencies")
                .properties()
                .forEach(group -> group.getValue().forEach(requirement -> pythonPackage(requirement.asText(), out)));
        pyproject
                .path("dependency-groups")
                .properties()
                .forEach(group -> group.getValue().forEach(requirement -> {
                    if (requirement.isTextual()) {
                        pythonPackage(requirement.asText(), out);
                    }
                }));
        JsonNode poetry = pyproject.path("tool").path("poetry");
        poetry.path("dependencies").properties().forEach(entry -> {
            if (!entry.getKey().equals("python")) {
                pythonPackage(entry.getKey(), out);
            }
        });
        poetry.path("group")
                .properties()
                .forEach(group -> group.getValue()
                        .path("dependencies")
                        .properties()
                        .forEach(entry -> pythonPackage(entry.getKey(), out)));
    }

    /** The distribution name of a PEP 508 requirement: {@code requests[socks]>=2.0; python_version<"3.9"}. */
    private static void pythonPackage(String requirement, FormatOutput out) {
        int end = 0;
        while (end < requirement.length()) {
            char c = requirement.charAt(end);
            if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.')) {
                break;
            }
            end++;
        }
        String name = requirement.substring(0, end).toLowerCase(Locale.ROOT);
        if (!name.isEmpty()) {
            out.relation(RelationRef.toExternal("", name, "package", "depends_on", 1));
        }
    }

    private static void pathTo(String dir, String relative, FormatOutput out) {
        RepositoryPath.normalize(RepositoryPath.join(dir, relative))
                .ifPresent(target -> out.relation(RelationRef.toPath("", target, "depends_on", 1)));
    }
}
