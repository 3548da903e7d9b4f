package dev.knowledgerouter.code.lang;

import dev.knowledgerouter.code.syntax.Language;
import dev.knowledgerouter.code.syntax.SyntaxQuery;
import dev.knowledgerouter.code.syntax.SyntaxSubject;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.treesitter.TSLanguage;
import org.treesitter.TSNode;
import org.treesitter.TreeSitterJavascript;
import org.treesitter.TreeSitterTsx;
import org.treesitter.TreeSitterTypescript;

/**
 * The nodes an ECMAScript extraction reads, found by one tree-sitter query per grammar: the native search walks the
 * tree and only these nodes cross into Java, where walking it node by node from Java costs a native call per question
 * per node. The three grammars differ in node types (TypeScript's interfaces, enums, {@code public_field_definition}
 * and {@code import x = require()}; JavaScript's {@code field_definition}), and a pattern naming a type its grammar
 * lacks does not compile, so each grammar has its own query.
 *
 * <p>Patterns carry context a walk would ask of parents: a function expression is a declaration only as the direct
 * child of an {@code export} statement, a method only in a class body, a variable only when bound to a function or
 * class. A match names its subject with a capture named for its {@link Kind} and may capture {@link Part}s of it.
 */
final class EcmaScriptQuery {
    private static final String FUNCTION_VALUES = "[(arrow_function) (function_expression) (generator_function)]";

    private static final String COMMON = """
            (import_statement source: _ @source) @import
            (import_statement !source) @import
            (import_statement (import_clause (identifier) @import_name)) @owner
            (import_statement (import_clause (named_imports (import_specifier name: _ @import_name)))) @owner
            (import_statement (import_clause (named_imports (import_specifier !name) @import_nameless))) @owner
            (export_statement source: _ @source) @reexport
            (export_statement "*" @reexport_star) @owner
            (export_statement (export_clause (export_specifier name: _ @reexport_name))) @owner
            (export_statement (export_clause (export_specifier !name) @reexport_nameless)) @owner
            (program (export_statement !source (export_clause (export_specifier name: _ @exported_name))))
            (program (export_statement !source (export_clause (export_specifier !name) @exported_nameless)))
            (program (export_statement !source (identifier) @exported_name))
            (program (expression_statement . (assignment_expression left: _ @left right: _ @right) @common_js))
            (call_expression function: (import) arguments: _ @arguments) @dynamic_import
            (call_expression function: (identifier) @callee) @call
            (call_expression function: (super)) @super_call
            (call_expression function: (member_expression object: _ @object property: _ @property)) @member_call
            (new_expression constructor: (identifier) @callee) @new
            (new_expression constructor: (member_expression object: _ @object property: _ @property)) @member_call
            (class) @class
            (export_statement %1$s @default_function)
            (variable_declarator name: (identifier) @name value: %1$s @value) @function_variable @owner
            (variable_declarator name: (identifier) @name value: (class) @value) @class_variable @owner
            (decorator) @decorator
            """.formatted(FUNCTION_VALUES);

    private static final String JAVASCRIPT = """
            [(function_declaration) (generator_function_declaration)] @function
            (class_declaration) @class_declaration
            (class_body (method_definition) @method)
            (field_definition property: _ @name value: %1$s @field_value) @field_method
            """.formatted(FUNCTION_VALUES);

    private static final String TYPESCRIPT = """
            [(function_declaration) (generator_function_declaration) (function_signature)] @function
            [(class_declaration) (abstract_class_declaration)] @class_declaration
            (class_body [(method_definition) (method_signature) (abstract_method_signature)] @method)
            (public_field_definition name: _ @name value: %1$s @field_value) @field_method
            (import_statement (import_require_clause) @require_clause) @owner
            (interface_declaration) @interface
            (type_alias_declaration) @type_alias
            (enum_declaration body: _ @value) @enum @owner
            (enum_declaration !body) @enum
            """.formatted(FUNCTION_VALUES);

    /**
     * Each grammar's query, compiled by the first file of that language parsed: compiling one takes about 70 ms,
     * which a repository without it never pays, and which two parsing threads spend on two grammars at once.
     */
    private static final Map<Language, EcmaScriptQuery> QUERIES = new ConcurrentHashMap<>();

    /**
     * What a match is about. The order breaks ties between captures of one node: a declarator's value is read as
     * such before it is looked at as a class.
     */
    private static final List<Kind> KINDS = List.of(Kind.values());

    enum Kind {
        IMPORT,
        IMPORT_NAME,
        IMPORT_NAMELESS,
        REQUIRE_CLAUSE,
        REEXPORT,
        REEXPORT_STAR,
        REEXPORT_NAME,
        REEXPORT_NAMELESS,
        DYNAMIC_IMPORT,
        CALL,
        NEW,
        SUPER_CALL,
        MEMBER_CALL,
        FUNCTION,
        CLASS_DECLARATION,
        DEFAULT_FUNCTION,
        FUNCTION_VARIABLE,
        CLASS_VARIABLE,
        VALUE,
        CLASS,
        METHOD,
        FIELD_METHOD,
        INTERFACE,
        TYPE_ALIAS,
        ENUM,
        DECORATOR,
        /** A name a module-level {@code export} clause or {@code export default} gives; read before the rest. */
        EXPORTED_NAME,
        EXPORTED_NAMELESS,
        /** A module-level assignment, which may be to {@code module.exports}; read before the rest. */
        COMMON_JS;

        private final String capture = name().toLowerCase(Locale.ROOT);

        boolean moduleExport() {
            return this == EXPORTED_NAME || this == EXPORTED_NAMELESS || this == COMMON_JS;
        }
    }

    /** A node a match captured besides its subject. */
    enum Part {
        /** The statement or declaration that a name, a clause or a value belongs to. */
        OWNER,
        SOURCE,
        CALLEE,
        OBJECT,
        PROPERTY,
        ARGUMENTS,
        NAME,
        VALUE,
        FIELD_VALUE,
        LEFT,
        RIGHT;

        private final String capture = name().toLowerCase(Locale.ROOT);
    }

    private final SyntaxQuery query;
    private final int[] kinds = new int[Kind.values().length];
    private final int[] parts = new int[Part.values().length];

    private EcmaScriptQuery(TSLanguage grammar, String patterns) {
        this.query = new SyntaxQuery(grammar, patterns);
        // -1 for a capture this grammar's patterns do not have (TypeScript's interfaces in JavaScript).
        for (Kind kind : Kind.values()) {
            kinds[kind.ordinal()] = query.captureOrAbsent(kind.capture);
        }
        for (Part part : Part.values()) {
            parts[part.ordinal()] = query.captureOrAbsent(part.capture);
        }
    }

    static EcmaScriptQuery of(Language language) {
        EcmaScriptQuery query = QUERIES.get(language);
        return query != null ? query : QUERIES.computeIfAbsent(language, EcmaScriptQuery::compile);
    }

    private static EcmaScriptQuery compile(Language language) {
        return switch (language) {
            case JAVASCRIPT -> new EcmaScriptQuery(new TreeSitterJavascript(), COMMON + JAVASCRIPT);
            case TYPESCRIPT -> new EcmaScriptQuery(new TreeSitterTypescript(), COMMON + TYPESCRIPT);
            case TSX -> new EcmaScriptQuery(new TreeSitterTsx(), COMMON + TYPESCRIPT);
            default -> throw new IllegalArgumentException("not an ECMAScript language: " + language);
        };
    }

    /**
     * Every subject under {@code root} in the order a depth-first walk meets them: by start, an enclosing node
     * before what it holds.
     */
    List<SyntaxSubject<Kind>> find(TSNode root) {
        return query.subjects(root, KINDS, kind -> kinds[kind.ordinal()]);
    }

    /** The node the match captured as {@code part}, or null. */
    TSNode part(SyntaxSubject<Kind> found, Part part) {
        int capture = parts[part.ordinal()];
        return capture < 0 ? null : found.match().node(capture);
    }
}
