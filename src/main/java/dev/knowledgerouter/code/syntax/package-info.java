/**
 * What every language shares: the languages and their tree-sitter grammars, parsing, the records an
 * extraction yields (declarations, imports, calls, supertypes), the extractor and import-resolver
 * interfaces, and the shared tree-sitter helpers. A new language implements the interfaces in {@code lang}.
 */
package dev.knowledgerouter.code.syntax;
