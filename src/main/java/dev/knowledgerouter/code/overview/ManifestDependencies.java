package dev.knowledgerouter.code.overview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * The names of the dependencies a package manifest declares, read by each format's structure: {@code package.json}
 * and {@code composer.json} as JSON, {@code pom.xml} as XML (without DTDs or external entities), and the
 * line-oriented formats ({@code go.mod}, {@code Cargo.toml}, {@code pyproject.toml}, {@code requirements.txt},
 * {@code Gemfile}, Gradle build files) line by line with their section headers. Only names are kept: Maven
 * {@code groupId:artifactId}, npm and Composer package names, Go module paths, crate, gem and Python
 * distribution names. A manifest that does not parse declares nothing.
 */
final class ManifestDependencies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ManifestDependencies() {}

    /** Whether a file name is one of the manifests read here. */
    static boolean isManifest(String fileName) {
        return kind(fileName).isPresent();
    }

    static Set<String> of(String fileName, String text) {
        return switch (kind(fileName).orElse("")) {
            case "npm" -> jsonKeys(text, "dependencies", "devDependencies", "peerDependencies");
            case "composer" -> jsonKeys(text, "require", "require-dev");
            case "maven" -> maven(text);
            case "go" -> goModules(text);
            case "cargo" -> tomlTableKeys(text, "dependencies", "dev-dependencies", "build-dependencies");
            case "pyproject" -> pyproject(text);
            case "pip" -> requirements(text);
            case "gem" -> gems(text);
            case "gradle" -> gradle(text);
            default -> Set.of();
        };
    }

    private static Optional<String> kind(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        return Optional.ofNullable(
                switch (name) {
                    case "package.json" -> "npm";
                    case "composer.json" -> "composer";
                    case "pom.xml" -> "maven";
                    case "go.mod" -> "go";
                    case "cargo.toml" -> "cargo";
                    case "pyproject.toml" -> "pyproject";
                    case "gemfile" -> "gem";
                    case "build.gradle", "build.gradle.kts" -> "gradle";
                    default -> name.startsWith("requirements") && name.endsWith(".txt") ? "pip" : null;
                });
    }

    private static Set<String> jsonKeys(String text, String... sections) {
        Set<String> names = new LinkedHashSet<>();
        try {
            JsonNode root = JSON.readTree(text);
            for (String section : sections) {
                Iterator<String> keys = root.path(section).fieldNames();
                keys.forEachRemaining(names::add);
            }
        } catch (IOException e) {
            return Set.of();
        }
        return names;
    }

    private static Set<String> maven(String text) {
        Set<String> names = new LinkedHashSet<>();
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            Document document = builder.parse(new InputSource(new StringReader(text)));
            for (String tag : List.of("dependency", "parent", "plugin")) {
                NodeList elements = document.getElementsByTagName(tag);
                for (int i = 0; i < elements.getLength(); i++) {
                    Element element = (Element) elements.item(i);
                    String group = child(element, "groupId");
                    String artifact = child(element, "artifactId");
                    if (!artifact.isEmpty()) {
                        names.add(group + ":" + artifact);
                    }
                }
            }
        } catch (ParserConfigurationException | SAXException | IOException e) {
            return Set.of();
        }
        return names;
    }

    private static String child(Element element, String tag) {
        NodeList children = element.getElementsByTagName(tag);
        return children.getLength() == 0
                ? ""
                : children.item(0).getTextContent().strip();
    }

    /** {@code require x v1} lines and the lines of {@code require ( ... )} blocks. */
    private static Set<String> goModules(String text) {
        Set<String> names = new LinkedHashSet<>();
        boolean inBlock = false;
        for (String raw : text.lines().toList()) {
            String line = uncomment(raw, "//");
            if (inBlock) {
                if (line.startsWith(")")) {
                    inBlock = false;
                } else if (!line.isEmpty()) {
                    names.add(firstWord(line));
                }
            } else if (line.startsWith("require (") || line.equals("require(")) {
                inBlock = true;
            } else if (line.startsWith("require ")) {
                names.add(firstWord(line.substring("require ".length()).strip()));
            }
        }
        return names;
    }

    /** Keys of {@code [section]} tables, and {@code [section.name]} table names. */
    private static Set<String> tomlTableKeys(String text, String... sections) {
        Set<String> wanted = Set.of(sections);
        Set<String> names = new LinkedHashSet<>();
        String table = "";
        for (String raw : text.lines().toList()) {
            String line = uncomment(raw, "#");
            if (line.startsWith("[")) {
                table = line.replaceAll("[\\[\\]]", "").strip();
                int dot = table.indexOf('.');
                if (dot > 0 && wanted.contains(table.substring(0, dot))) {
                    names.add(unquote(table.substring(dot + 1)));
                }
            } else if (wanted.contains(table) && line.contains("=")) {
                names.add(unquote(line.substring(0, line.indexOf('=')).strip()));
            }
        }
        return names;
    }

    /** PEP 621 {@code dependencies = [...]}, optional dependencies, and Poetry's dependency tables. */
    private static Set<String> pyproject(String text) {
        Set<String> names =
                new LinkedHashSet<>(tomlTableKeys(text, "tool.poetry.dependencies", "tool.poetry.dev-dependencies"));
        names.remove("python");
        boolean inList = false;
        String table = "";
        for (String raw : text.lines().toList()) {
            String line = uncomment(raw, "#");
            if (line.startsWith("[")) {
                table = line;
                inList = false;
                continue;
            }
            boolean opens = (table.equals("[project]") && line.startsWith("dependencies"))
                    || table.equals("[project.optional-dependencies]");
            if (opens && line.contains("[")) {
                inList = true;
                line = line.substring(line.indexOf('[') + 1);
            }
            if (inList) {
                for (String item : quoted(line)) {
                    names.add(distribution(item));
                }
                if (line.contains("]")) {
                    inList = false;
                }
            }
        }
        return names;
    }

    private static Set<String> requirements(String text) {
        Set<String> names = new LinkedHashSet<>();
        for (String raw : text.lines().toList()) {
            String line = uncomment(raw, "#");
            if (!line.isEmpty() && !line.startsWith("-")) {
                names.add(distribution(line));
            }
        }
        return names;
    }

    private static Set<String> gems(String text) {
        Set<String> names = new LinkedHashSet<>();
        for (String raw : text.lines().toList()) {
            String line = uncomment(raw, "#");
            if (line.startsWith("gem ")) {
                quoted(line).stream().findFirst().ifPresent(names::add);
            }
        }
        return names;
    }

    /** Quoted {@code group:artifact:version} coordinates, as Gradle's dependency lines write them. */
    private static Set<String> gradle(String text) {
        Set<String> names = new LinkedHashSet<>();
        for (String raw : text.lines().toList()) {
            for (String item : quoted(uncomment(raw, "//"))) {
                String[] parts = item.split(":");
                if (parts.length >= 2 && !parts[0].isBlank() && !parts[1].isBlank() && !item.contains(" ")) {
                    names.add(parts[0] + ":" + parts[1]);
                }
            }
        }
        return names;
    }

    /** The name of a Python requirement: what comes before a version, extra or marker. */
    private static String distribution(String requirement) {
        String s = requirement.strip();
        int end = 0;
        while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || "-_.".indexOf(s.charAt(end)) >= 0)) {
            end++;
        }
        return s.substring(0, end).toLowerCase(Locale.ROOT);
    }

    private static List<String> quoted(String line) {
        List<String> items = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '"' || c == '\'') {
                int close = line.indexOf(c, i + 1);
                if (close < 0) {
                    break;
                }
                items.add(line.substring(i + 1, close));
                i = close + 1;
            } else {
                i++;
            }
        }
        return items;
    }

    private static String uncomment(String line, String marker) {
        int at = line.indexOf(marker);
        return (at >= 0 ? line.substring(0, at) : line).strip();
    }

    private static String firstWord(String line) {
        int space = line.indexOf(' ');
        return space < 0 ? line : line.substring(0, space);
    }

    private static String unquote(String s) {
        return s.replace("\"", "").replace("'", "").strip();
    }
}
