/**
 * Writes kept through an outage: a store decorator that appends upserts and deletes to a durable local
 * outbox while the backing store is unreachable and replays them in order once it answers again.
 */
package dev.knowledgerouter.knowledge.outbox;
