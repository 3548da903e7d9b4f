package dev.knowledgerouter.code.syntax;

import org.treesitter.TSNode;

/**
 * A node a query match is about, as one of the kinds an extractor reads, with its span: what
 * {@link SyntaxQuery#subjects} lists in source order.
 *
 * @param kind which of the extractor's kinds the node was captured as
 * @param match the whole match, for the other nodes it captured
 */
public record SyntaxSubject<K>(K kind, TSNode node, SyntaxMatch match, int start, int end) {}
