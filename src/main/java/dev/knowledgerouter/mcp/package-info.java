/**
 * The router as an MCP server for coding agents: five tools (search_knowledge, route_query,
 * search_code, record_feedback, add_knowledge) on the MCP Java SDK, served over stdio ({@code kr mcp})
 * and over Streamable HTTP at {@code /mcp} of {@code kr serve}. Tools validate their own arguments so
 * that a bad call comes back as a tool error naming the argument and the fix, never as a stack trace;
 * {@link McpRelay} lets {@code kr mcp} go through a running server, which owns the store.
 */
package dev.knowledgerouter.mcp;
