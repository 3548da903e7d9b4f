/**
 * The knowledge base: collection definitions ({@code collections/*.yaml}), the {@link
 * dev.knowledgerouter.knowledge.Embedder} that turns text into unit vectors (bge-small in process by
 * default, or an Ollama embedding model such as nomic-embed-text), the {@link
 * dev.knowledgerouter.knowledge.KnowledgeStore} that keeps entries and searches them (Lucene on disk
 * by default), and seeding from {@code seed-data/}.
 */
package dev.knowledgerouter.knowledge;
