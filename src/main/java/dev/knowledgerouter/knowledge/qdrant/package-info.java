/**
 * The Qdrant store over the official gRPC client: schema and point format, dense, sparse BM25 and
 * hybrid search, ordered scans, and the translation of Qdrant failures.
 */
package dev.knowledgerouter.knowledge.qdrant;
