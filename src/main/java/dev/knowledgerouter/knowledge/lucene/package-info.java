/**
 * The embedded store: one Lucene index per collection on disk (dense vectors, BM25 text, filters,
 * timestamps) with its write-ahead log and searchers, its document format, and re-indexing under another
 * embedder.
 */
package dev.knowledgerouter.knowledge.lucene;
