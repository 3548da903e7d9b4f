package dev.knowledgerouter.code.lang;

import static dev.knowledgerouter.code.syntax.SyntaxNodes.line;

import dev.knowledgerouter.code.syntax.CallRef;
import dev.knowledgerouter.code.syntax.CodeText;
import dev.knowledgerouter.code.syntax.ExtractionBuilder;
import dev.knowledgerouter.code.syntax.ImportKind;
import dev.knowledgerouter.code.syntax.ImportRef;
import dev.knowledgerouter.code.syntax.SourceText;
import dev.knowledgerouter.code.syntax.SyntaxNodes;
import java.util.ArrayList;
import java.util.List;
import org.treesitter.TSNode;

/**
 * What a Rust file refers to elsewhere: {@code use} trees (one import per path they name), {@code extern crate}
 * and call sites.
 */
final class RustReferences {
    private final SourceText source;
    private final ExtractionBuilder out;

    RustReferences(SourceText source, ExtractionBuilder out) {
        this.source = source;
        this.out = out;
    }

    /** @param modules the inline modules the declaration sits in, outermost first */
    void useDeclaration(TSNode node, List<String> modules) {
        int first = out.importCount();
        use(node.getChildByFieldName("argument"), "", false);
        if (!modules.isEmpty()) {
            out.rewriteImportsFrom(first, ref -> relativeToFile(ref, modules));
        }
    }

    private void use(TSNode node, String prefix, boolean inList) {
        if (!SyntaxNodes.present(node)) {
            return;
        }
        switch (SyntaxNodes.type(node)) {
            case "scoped_use_list" -> {
                TSNode path = node.getChildByFieldName("path");
                String listPrefix = !SyntaxNodes.present(path) ? join(prefix, "") : join(prefix, pathText(path));
                TSNode list = node.getChildByFieldName("list");
                if (SyntaxNodes.present(list)) {
                    useList(list, listPrefix);
                }
            }
            case "use_list" -> useList(node, prefix);
            case "use_as_clause" -> {
                TSNode path = node.getChildByFieldName("path");
                String alias = source.of(node.getChildByFieldName("alias")).trim();
                String spec = "self".equals(source.of(path).trim()) && inList ? prefix : join(prefix, pathText(path));
                if (!spec.isEmpty()) {
                    out.importRef(new ImportRef(
                            spec, alias.isEmpty() ? List.of() : List.of(alias), false, ImportKind.IMPORT, line(node)));
                }
            }
            case "use_wildcard" -> {
                TSNode path = node.getNamedChildCount() > 0 ? node.getNamedChild(0) : null;
                String spec = SyntaxNodes.present(path) ? join(prefix, pathText(path)) : prefix;
                if (!spec.isEmpty()) {
                    out.importRef(new ImportRef(spec, List.of(), true, ImportKind.IMPORT, line(node)));
                }
            }
            case "self" -> {
                // `use a::{self}` imports `a` itself; a bare `use self;` names nothing.
                if (inList && !prefix.isEmpty()) {
                    out.importRef(ImportRef.of(prefix, line(node)));
                }
            }
            case "identifier", "scoped_identifier", "crate", "super", "metavariable" -> {
                String spec = join(prefix, pathText(node));
                if (!spec.isEmpty()) {
                    out.importRef(ImportRef.of(spec, line(node)));
                }
            }
            default -> {
                // An ERROR node or a grammar form we do not know: nothing reliable to import.
            }
        }
    }

    /**
     * Inside inline modules, rewrites a {@code self::} or {@code super::} path to the equivalent path from the
     * file's own module, so that the resolver, which sees files and not inline modules, resolves it. The
     * {@code use super::*} of a {@code #[cfg(test)] mod tests} then means the file itself, as it does in Rust.
     */
    private static ImportRef relativeToFile(ImportRef ref, List<String> modules) {
        List<String> segments = List.of(ref.spec().split("::", -1));
        String head = segments.get(0);
        if (!head.equals("self") && !head.equals("super")) {
            return ref;
        }
        int climbs = 0;
        while (climbs < segments.size() && segments.get(climbs).equals("super")) {
            climbs++;
        }
        List<String> rest = segments.subList(head.equals("self") ? 1 : climbs, segments.size());
        List<String> rewritten = new ArrayList<>();
        if (climbs > modules.size()) {
            for (int up = 0; up < climbs - modules.size(); up++) {
                rewritten.add("super");
            }
        } else {
            rewritten.add("self");
            rewritten.addAll(modules.subList(0, modules.size() - climbs));
        }
        rewritten.addAll(rest);
        return new ImportRef(String.join("::", rewritten), ref.names(), ref.wildcard(), ref.kind(), ref.line());
    }

    private void useList(TSNode list, String prefix) {
        for (int i = 0; i < list.getNamedChildCount(); i++) {
            use(list.getNamedChild(i), prefix, true);
        }
    }

    void externCrate(TSNode node) {
        String name = source.of(node.getChildByFieldName("name")).trim();
        if (name.isEmpty()) {
            return;
        }
        String alias = source.of(node.getChildByFieldName("alias")).trim();
        out.importRef(new ImportRef(
                name, alias.isEmpty() ? List.of() : List.of(alias), false, ImportKind.IMPORT, line(node)));
    }

    private String pathText(TSNode path) {
        return CodeText.withoutWhitespace(source.of(path));
    }

    private static String join(String prefix, String path) {
        if (prefix.isEmpty()) {
            return path;
        }
        if (path.isEmpty()) {
            return prefix;
        }
        return prefix.endsWith("::") || path.startsWith("::") ? prefix + path : prefix + "::" + path;
    }

    /** A call of {@code name} on a receiver or path ({@code x.f()}, {@code a::f()}), empty for a bare name. */
    void call(String caller, TSNode name, String receiver) {
        out.call(new CallRef(caller, source.of(name), receiver, line(name)));
    }

    /** A call of a parenthesised callee: {@code (self.f)(x)}, read node by node as these are few. */
    void call(TSNode parenthesized, String caller) {
        TSNode function = callee(parenthesized);
        if (function == null) {
            return;
        }
        switch (SyntaxNodes.type(function)) {
            case "identifier" -> out.call(new CallRef(caller, source.of(function), "", line(function)));
            case "scoped_identifier" -> {
                TSNode name = function.getChildByFieldName("name");
                if (SyntaxNodes.present(name)) {
                    TSNode path = function.getChildByFieldName("path");
                    out.call(new CallRef(caller, source.of(name), CodeText.collapse(source.of(path)), line(name)));
                }
            }
            case "field_expression" -> {
                TSNode field = function.getChildByFieldName("field");
                if (SyntaxNodes.present(field)) {
                    String receiver = CodeText.collapse(source.of(function.getChildByFieldName("value")));
                    out.call(new CallRef(caller, source.of(field), receiver, line(field)));
                }
            }
            default -> {
                // A call of a call's result, of a closure literal, of an index: no name to link.
            }
        }
    }

    /** The called expression without turbofish ({@code f::<T>}) or parentheses ({@code (self.f)}). */
    private static TSNode callee(TSNode function) {
        TSNode current = function;
        while (SyntaxNodes.present(current)) {
            switch (SyntaxNodes.type(current)) {
                case "generic_function" -> current = current.getChildByFieldName("function");
                case "parenthesized_expression" -> {
                    if (current.getNamedChildCount() != 1) {
                        return null;
                    }
                    current = current.getNamedChild(0);
                }
                default -> {
                    return current;
                }
            }
        }
        return null;
    }
}
