package dev.knowledgerouter.code.format;

import static dev.knowledgerouter.code.syntax.SyntaxNodes.line;

import dev.knowledgerouter.code.syntax.CodeText;
import dev.knowledgerouter.code.syntax.DeclarationKind;
import dev.knowledgerouter.code.syntax.FileExtraction;
import dev.knowledgerouter.code.syntax.Language;
import dev.knowledgerouter.code.syntax.LanguageExtractor;
import dev.knowledgerouter.code.syntax.SourceText;
import dev.knowledgerouter.code.syntax.SyntaxNodes;
import java.util.ArrayList;
import java.util.List;
import org.treesitter.TSNode;

/**
 * Reads a Markdown document's outline (tree-sitter-markdown): each ATX ({@code ## Title}) or setext heading is a
 * {@code document} node spanning its section, up to the next heading of the same or a higher level, and is contained
 * in the section above it. Headings inside code blocks are not headings, as the grammar knows.
 */
public final class MarkdownExtractor implements LanguageExtractor {
    private record Heading(int level, String title, int line) {}

    @Override
    public FileExtraction extract(String path, SourceText source, TSNode root) {
        List<Heading> headings = new ArrayList<>();
        for (TSNode block : SyntaxNodes.namedChildren(root)) {
            int level = level(block);
            if (level > 0) {
                TSNode content = child(block, "heading_content");
                String title = content == null ? "" : CodeText.collapse(source.of(content));
                if (!title.isEmpty()) {
                    headings.add(new Heading(level, title, line(block)));
                }
            }
        }
        FormatOutput out = new FormatOutput();
        List<String> open = new ArrayList<>();
        List<Integer> levels = new ArrayList<>();
        for (int i = 0; i < headings.size(); i++) {
            Heading heading = headings.get(i);
            int end = source.lineCount();
            for (int j = i + 1; j < headings.size(); j++) {
                if (headings.get(j).level() <= heading.level()) {
                    end = headings.get(j).line() - 1;
                    break;
                }
            }
            while (!levels.isEmpty() && levels.getLast() >= heading.level()) {
                levels.removeLast();
                open.removeLast();
            }
            String parent = open.isEmpty() ? "" : open.getLast();
            String marker = "#".repeat(heading.level());
            String qualified = out.declare(
                    DeclarationKind.SECTION,
                    heading.title(),
                    parent,
                    marker + " " + heading.title(),
                    heading.line(),
                    Math.max(heading.line(), end));
            open.add(qualified);
            levels.add(heading.level());
        }
        return out.build(path, Language.MARKDOWN, source);
    }

    private static int level(TSNode block) {
        return switch (block.getType()) {
            case "atx_heading" -> {
                for (int i = 0; i < block.getNamedChildCount(); i++) {
                    String type = block.getNamedChild(i).getType();
                    if (type.startsWith("atx_h") && type.endsWith("_marker")) {
                        yield type.charAt(5) - '0';
                    }
                }
                yield 0;
            }
            case "setext_heading" -> child(block, "setext_h1_underline") != null ? 1 : 2;
            default -> 0;
        };
    }

    private static TSNode child(TSNode node, String type) {
        for (int i = 0; i < node.getNamedChildCount(); i++) {
            if (node.getNamedChild(i).getType().equals(type)) {
                return node.getNamedChild(i);
            }
        }
        return null;
    }
}
