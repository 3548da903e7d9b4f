/**
 * The application: one place that wires config, embedder, store, router, answerer and interaction
 * log together ({@link dev.knowledgerouter.app.App}), the services the HTTP API and the CLI call
 * ({@link dev.knowledgerouter.app.QueryService}, {@link dev.knowledgerouter.app.SearchService}), the
 * wire format both speak, the running-server announcement, and the route benchmark.
 */
package dev.knowledgerouter.app;
