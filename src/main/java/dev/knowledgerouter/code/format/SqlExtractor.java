package dev.knowledgerouter.code.format;

import static dev.knowledgerouter.code.syntax.SyntaxNodes.line;

import dev.knowledgerouter.code.syntax.DeclarationKind;
import dev.knowledgerouter.code.syntax.FileExtraction;
import dev.knowledgerouter.code.syntax.Language;
import dev.knowledgerouter.code.syntax.LanguageExtractor;
import dev.knowledgerouter.code.syntax.RelationRef;
import dev.knowledgerouter.code.syntax.SourceText;
import dev.knowledgerouter.code.syntax.SyntaxNodes;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.treesitter.TSNode;

/**
 * Reads SQL schema (tree-sitter-sql): {@code CREATE TABLE} and {@code CREATE VIEW} are {@code table} nodes (a view
 * tagged {@code view}), named without their schema. A {@code REFERENCES t} in a column or constraint is a foreign key,
 * a {@code depends_on} edge to table {@code t}; the tables and views a view selects from are {@code reads_from} edges.
 * Tables are found in the same file, then in the other SQL files of its directory (a migrations folder), then as the
 * one table of that name in the repository. Names compare case-insensitively, as SQL's unquoted names do.
 */
public final class SqlExtractor implements LanguageExtractor {
    @Override
    public FileExtraction extract(String path, SourceText source, TSNode root) {
        FormatOutput out = new FormatOutput();
        visit(root, source, out);
        if (root.hasError()) {
            out.error();
        }
        return out.build(path, Language.SQL, source);
    }

    private static void visit(TSNode node, SourceText source, FormatOutput out) {
        switch (SyntaxNodes.type(node)) {
            case "create_table" -> table(node, source, out, DeclarationKind.TABLE);
            case "create_view", "create_materialized_view" -> table(node, source, out, DeclarationKind.VIEW);
            default -> {
                for (int i = 0; i < node.getNamedChildCount(); i++) {
                    visit(node.getNamedChild(i), source, out);
                }
            }
        }
    }

    private static void table(TSNode node, SourceText source, FormatOutput out, DeclarationKind kind) {
        TSNode reference = child(node, "object_reference");
        String name = name(reference, source);
        if (name.isEmpty()) {
            return;
        }
        String head = source.of(node);
        int newline = head.indexOf('\n');
        String qualified = out.declare(
                kind, name, "", newline > 0 ? head.substring(0, newline) : head, line(node), SyntaxNodes.endLine(node));
        Set<String> foreign = new LinkedHashSet<>();
        Set<String> selected = new LinkedHashSet<>();
        references(node, reference, source, foreign, selected);
        foreign.remove(name);
        foreign.forEach(target -> out.relation(RelationRef.toDeclaration(qualified, target, "depends_on", line(node))));
        selected.remove(name);
        selected.forEach(
                target -> out.relation(RelationRef.toDeclaration(qualified, target, "reads_from", line(node))));
    }

    /** Foreign keys ({@code REFERENCES t}) and the relations of a query ({@code FROM t}, {@code JOIN t}). */
    private static void references(
            TSNode node, TSNode own, SourceText source, Set<String> foreign, Set<String> selected) {
        for (TSNode child : SyntaxNodes.namedChildren(node)) {
            if (SyntaxNodes.type(child).equals("object_reference") && !child.equals(own)) {
                TSNode previous = child.getPrevNamedSibling();
                if (SyntaxNodes.present(previous) && SyntaxNodes.type(previous).equals("keyword_references")) {
                    foreign.add(name(child, source));
                } else if (SyntaxNodes.type(node).equals("relation")) {
                    selected.add(name(child, source));
                }
            } else {
                references(child, own, source, foreign, selected);
            }
        }
    }

    private static String name(TSNode reference, SourceText source) {
        if (!SyntaxNodes.present(reference)) {
            return "";
        }
        TSNode name = reference.getChildByFieldName("name");
        String written = source.of(SyntaxNodes.present(name) ? name : reference).strip();
        if (written.length() > 1 && "\"`[".indexOf(written.charAt(0)) >= 0) {
            return written.substring(1, written.length() - 1);
        }
        return written.toLowerCase(Locale.ROOT);
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
