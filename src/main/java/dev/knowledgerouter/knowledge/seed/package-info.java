/**
 * Curated knowledge: seed files from {@code seed-data/} loaded idempotently ({@link
 * dev.knowledgerouter.knowledge.seed.Seeder}), single entries added by callers under the curated-entry
 * rule ({@link dev.knowledgerouter.knowledge.seed.KnowledgeAdder}), and the earlier versions a permitted
 * replacement keeps.
 */
package dev.knowledgerouter.knowledge.seed;
