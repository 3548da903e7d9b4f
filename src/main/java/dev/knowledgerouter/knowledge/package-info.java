/**
 * The knowledge base API: collection definitions ({@code collections/*.yaml}, {@link
 * dev.knowledgerouter.knowledge.CollectionCatalog}), the {@link dev.knowledgerouter.knowledge.Embedder}
 * that turns text into unit vectors, the {@link dev.knowledgerouter.knowledge.KnowledgeStore} that keeps
 * entries and searches them, search requests and hits, the fusion and BM25 parameters with their
 * defaults, {@link dev.knowledgerouter.knowledge.KnowledgeSearch} across collections, where each entry
 * came from ({@link dev.knowledgerouter.knowledge.Provenance}), and the store exceptions; and what every
 * backend shares rather than repeats: the choice of hits ({@link dev.knowledgerouter.knowledge.HitSelection}),
 * the BM25 terms ({@link dev.knowledgerouter.knowledge.Bm25Terms}), and entries embedded in batches
 * ({@link dev.knowledgerouter.knowledge.EntryEmbedder}). Backends live
 * in subpackages ({@code embedding}, {@code lucene}, {@code qdrant}, {@code outbox}) and depend on this
 * package only; {@code seed} and {@code migration} work through the API.
 */
package dev.knowledgerouter.knowledge;
