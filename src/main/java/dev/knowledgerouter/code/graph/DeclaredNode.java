package dev.knowledgerouter.code.graph;

import dev.knowledgerouter.code.syntax.Declaration;

/** A declaration with the id of its node and the file it is in. */
record DeclaredNode(String id, String path, Declaration declaration) {}
