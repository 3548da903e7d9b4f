package dev.knowledgerouter.code.overview;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.code.graph.GraphNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the project says it is, in its own words: the first paragraph of prose in its root README (headings,
 * badges, images, HTML and code blocks skipped, links reduced to their text), else the description in its root
 * {@code package.json}, else a sentence built from its languages and size. Never longer than
 * {@value #MAX_CHARS} characters, cut at a sentence end where one is near.
 */
final class ProjectDescription {
    static final int MAX_CHARS = 400;
    /** Inline code keeps its text as written: markers inside it are not emphasis. */
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    private static final List<Pattern> EMPHASIS = List.of(
            Pattern.compile("\\*\\*(\\S(?:.*?\\S)?)\\*\\*"),
            Pattern.compile("(?<!\\w)__(\\S(?:.*?\\S)?)__(?!\\w)"),
            Pattern.compile("(?<![\\w*])\\*(\\S(?:[^*]*?\\S)?)\\*(?![\\w*])"),
            Pattern.compile("(?<!\\w)_(\\S(?:[^_]*?\\S)?)_(?!\\w)"));
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProjectDescription() {}

    static String of(Collection<GraphNode> files, List<String> languages, Function<String, String> textOf) {
        Optional<GraphNode> readme = files.stream()
                .filter(f -> !f.filePath().contains("/")
                        && f.filePath().toLowerCase(Locale.ROOT).startsWith("readme"))
                .findFirst();
        Optional<String> fromReadme =
                readme.map(r -> firstParagraph(textOf.apply(r.filePath()))).filter(s -> !s.isBlank());
        if (fromReadme.isPresent()) {
            return cut(fromReadme.get());
        }
        Optional<String> fromPackage = files.stream()
                .filter(f -> f.filePath().equals("package.json"))
                .findFirst()
                .map(f -> packageDescription(textOf.apply(f.filePath())))
                .filter(s -> !s.isBlank());
        if (fromPackage.isPresent()) {
            return cut(fromPackage.get());
        }
        String langs = languages.isEmpty() ? "A" : "A " + String.join(", ", languages);
        return langs + " repository of " + files.size() + (files.size() == 1 ? " file." : " files.");
    }

    static String firstParagraph(String markdown) {
        List<String> paragraph = new ArrayList<>();
        boolean inFence = false;
        for (String raw : markdown.lines().toList()) {
            String line = raw.strip();
            if (line.startsWith("```") || line.startsWith("~~~")) {
                inFence = !inFence;
                continue;
            }
            boolean prose = !inFence && !line.isEmpty() && !skipped(line);
            if (prose) {
                paragraph.add(line);
            } else if (!paragraph.isEmpty()) {
                break;
            }
        }
        return plain(links(String.join(" ", paragraph))).strip();
    }

    /**
     * Bold, italics and inline code lose their markers ({@code **fast**} reads as {@code fast}): the description
     * is shown as plain text. A marker counts only where it opens and closes around text, so {@code snake_case}
     * names and a lone {@code *} survive.
     */
    static String plain(String text) {
        StringBuilder out = new StringBuilder();
        Matcher code = CODE.matcher(text);
        int from = 0;
        while (code.find()) {
            out.append(unemphasised(text.substring(from, code.start()))).append(code.group(1));
            from = code.end();
        }
        return out.append(unemphasised(text.substring(from))).toString();
    }

    private static String unemphasised(String text) {
        String out = text;
        for (Pattern marker : EMPHASIS) {
            out = marker.matcher(out).replaceAll("$1");
        }
        return out;
    }

    /** Headings, underlines, badges, images, HTML, tables, lists, quotes and rules: not the description. */
    private static boolean skipped(String line) {
        return line.startsWith("#")
                || line.startsWith("[![")
                || line.startsWith("![")
                || line.startsWith("<")
                || line.startsWith("|")
                || line.startsWith(">")
                || line.startsWith("- ")
                || line.startsWith("* ")
                || line.chars().allMatch(c -> c == '=' || c == '-' || c == '*' || c == '_');
    }

    /** {@code [text](url)} becomes {@code text}; character by character, so brackets in prose survive. */
    private static String links(String text) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int close = c == '[' ? text.indexOf("](", i) : -1;
            int end = close > 0 ? text.indexOf(')', close) : -1;
            if (close > 0 && end > 0 && text.indexOf(']', i) == close) {
                out.append(text, i + 1, close);
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static String packageDescription(String json) {
        try {
            return JSON.readTree(json).path("description").asText("");
        } catch (IOException e) {
            return "";
        }
    }

    private static String cut(String text) {
        if (text.length() <= MAX_CHARS) {
            return text;
        }
        int sentence = text.lastIndexOf(". ", MAX_CHARS);
        return sentence > MAX_CHARS / 2 ? text.substring(0, sentence + 1) : text.substring(0, MAX_CHARS - 3) + "...";
    }
}
