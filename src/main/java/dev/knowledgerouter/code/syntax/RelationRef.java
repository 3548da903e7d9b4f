package dev.knowledgerouter.code.syntax;

import java.util.Objects;

/**
 * A typed link that a format states, before it is resolved: a compose service's {@code depends_on}, a Dockerfile
 * stage's base image or copied path, a foreign key, a dependency in a package manifest.
 *
 * @param from qualified name of the declaration in this file the link starts at, or empty for the file itself
 * @param kind how {@code target} is found
 * @param target a declaration's qualified name, a repository path, or an external module's name, as {@code kind}
 *     says
 * @param edgeType the graph edge type ({@code depends_on}, {@code reads_from}, {@code implements}, ...)
 * @param externalTag for an external target, what it is ({@code image}, {@code package}), tagged on its node
 * @param line 1-based line where the link is written
 */
public record RelationRef(String from, Kind kind, String target, String edgeType, String externalTag, int line) {
    /** How a relation's target is found. */
    public enum Kind {
        /**
         * A declaration by qualified name: in this file, else in the files of the same language in the same
         * directory, else in the files this file imports, else the one of that name of the same language anywhere.
         */
        DECLARATION,
        /** A repository path from the root: a file, or a directory meaning the analysed files under it. */
        PATH,
        /**
         * A file path relative to some import root (a Protobuf import): the file at that path from the repository
         * root, else the one file whose path ends with it.
         */
        PATH_FROM_ANY_ROOT,
        /** Something outside the repository (an image, a package), kept as a {@code module} node. */
        EXTERNAL
    }

    public RelationRef {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(edgeType, "edgeType");
        externalTag = externalTag == null ? "" : externalTag;
    }

    public static RelationRef toDeclaration(String from, String name, String edgeType, int line) {
        return new RelationRef(from, Kind.DECLARATION, name, edgeType, "", line);
    }

    public static RelationRef toPath(String from, String path, String edgeType, int line) {
        return new RelationRef(from, Kind.PATH, path, edgeType, "", line);
    }

    public static RelationRef toExternal(String from, String module, String tag, String edgeType, int line) {
        return new RelationRef(from, Kind.EXTERNAL, module, edgeType, tag, line);
    }
}
