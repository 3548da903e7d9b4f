package dev.knowledgerouter.code.syntax;

import java.util.Locale;

/**
 * What a declaration is in its language's or format's terms. Code has two node types, {@code class} and
 * {@code function}; formats add the other node types of Understand-Anything's schema ({@code service},
 * {@code resource}, {@code table}, {@code schema}, {@code endpoint}, {@code pipeline}, {@code config},
 * {@code document}). The kind is kept as the node's first tag, so "interface", "stage" or "view" stay searchable.
 */
public enum DeclarationKind {
    CLASS("class"),
    INTERFACE("class"),
    ENUM("class"),
    RECORD("class"),
    ANNOTATION("class"),
    STRUCT("class"),
    TRAIT("class"),
    /**
     * A named type that is not one of the above: TypeScript {@code type X = ...}, Go {@code type X int}, Rust {@code
     * type X = ...}.
     */
    TYPE_ALIAS("class"),
    /** A Ruby {@code module}: a namespace and mixin, class-like. */
    MODULE("class"),
    FUNCTION("function"),
    METHOD("function"),
    CONSTRUCTOR("function"),
    /** A compose service, a protobuf {@code service}. */
    SERVICE("service"),
    /** A Terraform {@code resource}, a Kubernetes object. */
    RESOURCE("resource"),
    /** A Terraform {@code data} source. */
    DATA("resource"),
    /** A Terraform {@code module} call. */
    INFRA_MODULE("resource", "module"),
    PROVIDER("resource"),
    /** A named compose volume. */
    VOLUME("resource"),
    TABLE("table"),
    VIEW("table"),
    /** A protobuf message. */
    MESSAGE("schema"),
    /** A protobuf or GraphQL enum. */
    SCHEMA_ENUM("schema", "enum"),
    /** A GraphQL object type. */
    SCHEMA_TYPE("schema", "type"),
    SCHEMA_INTERFACE("schema", "interface"),
    INPUT("schema"),
    UNION("schema"),
    SCALAR("schema"),
    /** A protobuf {@code rpc}. */
    RPC("endpoint"),
    /** A field of GraphQL's {@code Query}, {@code Mutation} or {@code Subscription}. */
    OPERATION("endpoint"),
    /** A Dockerfile build stage. */
    STAGE("pipeline"),
    /** A Makefile target. */
    TARGET("pipeline"),
    /** A {@code package.json} script. */
    SCRIPT("pipeline"),
    /** A Terraform {@code variable}. */
    VARIABLE("config"),
    /** A Terraform {@code output}. */
    OUTPUT("config"),
    /** A key of an environment file (never its value). */
    ENV_KEY("config", "env"),
    /** A Markdown heading and the text under it. */
    SECTION("document");

    private final String nodeType;
    private final String tag;

    DeclarationKind(String nodeType) {
        this.nodeType = nodeType;
        this.tag = name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    DeclarationKind(String nodeType, String tag) {
        this.nodeType = nodeType;
        this.tag = tag;
    }

    /** Whether the graph shows it as a {@code class} node: a code type that supertypes and calls can name. */
    public boolean isType() {
        return nodeType.equals("class");
    }

    /** Whether it is code, a {@code class} or {@code function} node (else a format's typed node). */
    public boolean isCode() {
        return nodeType.equals("class") || nodeType.equals("function");
    }

    /** The graph node type: {@code class}, {@code function}, or a format's type such as {@code service}. */
    public String nodeType() {
        return nodeType;
    }

    /** The tag written on the node, e.g. {@code interface}, {@code type-alias}, {@code stage}. */
    public String tag() {
        return tag;
    }
}
