/**
 * The knowledge base: collection definitions ({@code collections/*.yaml}), the {@link
 * dev.knowledgerouter.knowledge.Embedder} that turns text into unit vectors (bge-small in process by
 * default, or an Ollama embedding model such as nomic-embed-text), the {@link
 * dev.knowledgerouter.knowledge.KnowledgeStore} that keeps entries and searches them (Lucene on disk
 * by default, or Qdrant), the {@link dev.knowledgerouter.knowledge.OutboxKnowledgeStore} that keeps
 * writes in a local {@link dev.knowledgerouter.knowledge.Outbox} while a server-backed store is
 * unreachable, seeding from {@code seed-data/}, and the {@link
 * dev.knowledgerouter.knowledge.StoreMigration} that copies every collection from one store to
 * another, re-embedding when their embedders differ.
 */
package dev.knowledgerouter.knowledge;
