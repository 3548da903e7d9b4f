package dev.knowledgerouter.code.graph;

import dev.knowledgerouter.code.syntax.Declaration;
import dev.knowledgerouter.code.syntax.FileExtraction;
import dev.knowledgerouter.code.syntax.Language;
import dev.knowledgerouter.code.syntax.RepositoryPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The summaries and complexities every node gets without a model, from what the parser saw: the first
 * sentence of a doc comment, else the kind and signature; for files, what they declare and import.
 * They are what a model summary replaces, and what stays when the model fails.
 */
public final class StructuralSummary {
    private static final int MAX_NAMES = 6;
    /** Compiled once: every declaration with a doc comment has its first sentence taken. */
    private static final Pattern WHITESPACE_RUN = Pattern.compile("\\s+");

    private StructuralSummary() {}

    static String ofDeclaration(Declaration d) {
        String kind = d.kind().tag().replace('-', ' ');
        String doc = firstSentence(d.doc());
        String head = d.parent().isEmpty()
                ? capitalise(kind) + " " + d.name()
                : capitalise(kind) + " " + d.name() + " of " + d.parent();
        return doc.isEmpty() ? head + (d.signature().isEmpty() ? "." : ": " + d.signature()) : head + ". " + doc;
    }

    /** From the file alone (never from what other files hold), so an unchanged file keeps an unchanged summary. */
    static String ofFile(FileExtraction file) {
        if (!file.language().isCode() && file.declarations().isEmpty()) {
            return describeText(file.path()) + " (" + file.lineCount() + " lines).";
        }
        if (file.language().isFormat()) {
            return describeFormat(file);
        }
        List<Declaration> topLevel =
                file.declarations().stream().filter(d -> d.parent().isEmpty()).toList();
        String types = names(topLevel.stream().filter(d -> d.kind().isType()).toList());
        String functions =
                names(topLevel.stream().filter(d -> !d.kind().isType()).toList());
        StringBuilder s = new StringBuilder(languageName(file.language())).append(" file");
        if (!file.packageName().isEmpty()) {
            s.append(" in package ").append(file.packageName());
        }
        if (!types.isEmpty()) {
            s.append(" declaring ").append(types);
        }
        if (!functions.isEmpty()) {
            s.append(types.isEmpty() ? " defining " : "; functions ").append(functions);
        }
        if (types.isEmpty() && functions.isEmpty()) {
            s.append(" with no declarations");
        }
        s.append('.');
        topLevel.stream()
                .filter(d -> d.kind().isType() && !d.doc().isEmpty())
                .findFirst()
                .ifPresent(d -> s.append(' ').append(firstSentence(d.doc())));
        return s.toString();
    }

    static String complexityOfDeclaration(Declaration d) {
        int lines = d.endLine() - d.startLine() + 1;
        if (d.kind().isType()) {
            return lines <= 100 ? "simple" : lines <= 400 ? "moderate" : "complex";
        }
        return lines <= 20 ? "simple" : lines <= 60 ? "moderate" : "complex";
    }

    static String complexityOfFile(FileExtraction file) {
        int lines = file.lineCount();
        int declarations = file.declarations().size();
        if (lines <= 150 && declarations <= 10) {
            return "simple";
        }
        return lines <= 600 && declarations <= 40 ? "moderate" : "complex";
    }

    public static String firstSentence(String doc) {
        if (doc.isEmpty()) {
            return "";
        }
        String flat = WHITESPACE_RUN.matcher(doc).replaceAll(" ").strip();
        // Javadoc tags and reST fields start the reference part, not the description.
        int tag = flat.indexOf(" @");
        if (flat.startsWith("@")) {
            return "";
        }
        if (tag > 0) {
            flat = flat.substring(0, tag);
        }
        int end = flat.indexOf(". ");
        String sentence = end > 0 ? flat.substring(0, end + 1) : flat;
        if (sentence.length() > 240) {
            sentence = sentence.substring(0, 237) + "...";
        }
        return sentence.isEmpty() || sentence.endsWith(".") || sentence.endsWith("...") ? sentence : sentence + ".";
    }

    public static String languageName(Language language) {
        return switch (language) {
            case JAVA -> "Java";
            case PYTHON -> "Python";
            case JAVASCRIPT -> "JavaScript";
            case TYPESCRIPT -> "TypeScript";
            case TSX -> "TSX";
            case GO -> "Go";
            case RUST -> "Rust";
            case C -> "C";
            case CPP -> "C++";
            case CSHARP -> "C#";
            case KOTLIN -> "Kotlin";
            case PHP -> "PHP";
            case RUBY -> "Ruby";
            case DOCKERFILE -> "Dockerfile";
            case YAML -> "YAML";
            case JSON -> "JSON";
            case TERRAFORM -> "Terraform";
            case SQL -> "SQL";
            case PROTOBUF -> "Protobuf";
            case GRAPHQL -> "GraphQL";
            case MAKEFILE -> "Makefile";
            case TOML -> "TOML";
            case XML -> "XML";
            case GO_MOD -> "Go module";
            case ENV -> "Environment";
            case MARKDOWN -> "Markdown";
            case TEXT -> "Text";
        };
    }

    /** A format file by what it declares, grouped by kind: {@code Dockerfile declaring stage build, runtime.}. */
    private static String describeFormat(FileExtraction file) {
        Map<String, List<Declaration>> byKind = new LinkedHashMap<>();
        for (Declaration d : file.declarations()) {
            if (d.parent().isEmpty()) {
                byKind.computeIfAbsent(d.kind().tag(), k -> new ArrayList<>()).add(d);
            }
        }
        String parts = byKind.entrySet().stream()
                .map(e -> e.getKey() + " " + names(e.getValue()))
                .collect(Collectors.joining("; "));
        return languageName(file.language()) + " file " + RepositoryPath.fileName(file.path()) + " declaring " + parts
                + ".";
    }

    private static String describeText(String path) {
        String name = RepositoryPath.fileName(path).toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 ? name.substring(dot + 1) : name;
        return switch (extension) {
            case "md", "markdown", "rst", "adoc", "txt" -> "Documentation " + name;
            case "yaml", "yml", "json", "jsonc", "toml", "xml", "properties", "ini", "cfg", "conf" ->
                "Configuration file " + name;
            case "sql" -> "SQL file " + name;
            case "proto", "graphql", "gql" -> "Schema file " + name;
            case "sh", "bash" -> "Shell script " + name;
            default -> "Build or project file " + name;
        };
    }

    private static String names(List<Declaration> declarations) {
        if (declarations.isEmpty()) {
            return "";
        }
        String shown =
                declarations.stream().limit(MAX_NAMES).map(Declaration::name).collect(Collectors.joining(", "));
        return declarations.size() > MAX_NAMES ? shown + " and " + (declarations.size() - MAX_NAMES) + " more" : shown;
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
