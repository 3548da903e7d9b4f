package dev.knowledgerouter.code.format;

import dev.knowledgerouter.code.syntax.CodeText;
import dev.knowledgerouter.code.syntax.DeclarationKind;
import dev.knowledgerouter.code.syntax.FileExtraction;
import dev.knowledgerouter.code.syntax.Language;
import dev.knowledgerouter.code.syntax.SourceText;
import dev.knowledgerouter.code.syntax.TextFormatExtractor;
import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.InlineParser;
import org.commonmark.parser.Parser;
import org.commonmark.parser.SourceLines;

/**
 * Reads a Markdown document's outline with commonmark-java: each ATX ({@code ## Title}) or setext heading that is a
 * block of the document itself (not inside a block quote or a list item) is a {@code document} node spanning its
 * section, up to the next heading of the same or a higher level, and is contained in the section above it. Its title
 * is the heading's text as written (inline code, emphasis and links keep their markers), on one line. Headings inside
 * code and HTML blocks are not headings, as CommonMark says; a YAML front matter block at the start is skipped.
 */
public final class MarkdownExtractor implements TextFormatExtractor {
    // Only the block structure matters and titles are cut from the source, so inline parsing (most of the parse)
    // is skipped. The parser is immutable and safe to share between threads.
    private static final Parser PARSER = Parser.builder()
            .includeSourceSpans(IncludeSourceSpans.BLOCKS)
            .inlineParserFactory(context -> NoInlines.INSTANCE)
            .build();

    private record Section(int level, String title, int line) {}

    @Override
    public FileExtraction extract(String path, SourceText source) {
        String text = FrontMatter.blanked(source.text());
        List<Section> headings = new ArrayList<>();
        for (Node block = PARSER.parse(text).getFirstChild(); block != null; block = block.getNext()) {
            if (block instanceof Heading heading && !heading.getSourceSpans().isEmpty()) {
                String title = CodeText.collapse(content(heading, text));
                if (!title.isEmpty()) {
                    int line = heading.getSourceSpans().getFirst().getLineIndex() + 1;
                    headings.add(new Section(heading.getLevel(), title, line));
                }
            }
        }
        return outline(path, source, headings);
    }

    private static FileExtraction outline(String path, SourceText source, List<Section> headings) {
        FormatOutput out = new FormatOutput();
        List<String> open = new ArrayList<>();
        List<Integer> levels = new ArrayList<>();
        for (int i = 0; i < headings.size(); i++) {
            Section heading = headings.get(i);
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

    /** The heading's content as written: an ATX line without its markers, or a setext heading's lines. */
    private static String content(Heading heading, String text) {
        List<SourceSpan> spans = heading.getSourceSpans();
        if (spans.size() == 1) {
            return AtxLine.content(slice(spans.getFirst(), text));
        }
        StringBuilder lines = new StringBuilder();
        for (SourceSpan span : spans.subList(0, spans.size() - 1)) {
            lines.append(slice(span, text)).append('\n');
        }
        return lines.toString();
    }

    private static String slice(SourceSpan span, String text) {
        return text.substring(span.getInputIndex(), span.getInputIndex() + span.getLength());
    }

    /** Leaves the inline content unparsed: the outline reads titles from the source. */
    private enum NoInlines implements InlineParser {
        INSTANCE;

        @Override
        public void parse(SourceLines lines, Node block) {}
    }
}
