/**
 * Operational metrics for {@code GET /metrics} in the Prometheus exposition format (Micrometer):
 * {@link dev.knowledgerouter.metrics.RouterMetrics} owns the registry and the JVM basics,
 * {@link dev.knowledgerouter.metrics.QueryMetrics} counts decisions, model calls and Claude spend
 * from each answered query, and {@link dev.knowledgerouter.metrics.StoreGauges} reads collection
 * sizes and the outbox at scrape time. Every tag takes values from a small closed set (targets,
 * profiles, configured models, route templates, statuses), never from query text or raw paths, so
 * the number of series stays bounded.
 */
package dev.knowledgerouter.metrics;
