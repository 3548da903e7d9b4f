/**
 * The application: one place that wires config, embedder, store, router, answerer and interaction
 * log together ({@link dev.knowledgerouter.app.App}), the services the HTTP API, the CLI and MCP call
 * ({@link dev.knowledgerouter.app.QueryService}, {@link dev.knowledgerouter.app.SearchService}), the
 * wire format they speak, and the running-server announcement.
 */
package dev.knowledgerouter.app;
