package dev.knowledgerouter.config;

import java.nio.file.Path;

/**
 * Everything the router needs to start: where its data lives ({@code home}), where collection
 * definitions and seed data come from, and the settings of each part.
 */
public record KrConfig(
        Path home,
        Path collectionsDir,
        Path seedDir,
        ServerSettings server,
        OllamaSettings ollama,
        ClaudeSettings claude,
        RoutingSettings routing,
        CostSettings cost,
        EscalationSettings escalation,
        CodeSettings code,
        StoreSettings store,
        EmbedderSettings embedder,
        McpSettings mcp,
        KnowledgeSettings knowledge) {

    public KrConfig(
            Path home,
            Path collectionsDir,
            Path seedDir,
            ServerSettings server,
            OllamaSettings ollama,
            ClaudeSettings claude,
            RoutingSettings routing,
            CostSettings cost,
            EscalationSettings escalation,
            CodeSettings code,
            StoreSettings store,
            EmbedderSettings embedder) {
        this(
                home,
                collectionsDir,
                seedDir,
                server,
                ollama,
                claude,
                routing,
                cost,
                escalation,
                code,
                store,
                embedder,
                McpSettings.defaults(),
                KnowledgeSettings.defaults());
    }

    public KrConfig(
            Path home,
            Path collectionsDir,
            Path seedDir,
            ServerSettings server,
            OllamaSettings ollama,
            ClaudeSettings claude,
            RoutingSettings routing) {
        this(
                home,
                collectionsDir,
                seedDir,
                server,
                ollama,
                claude,
                routing,
                CostSettings.defaults(),
                EscalationSettings.defaults());
    }

    public KrConfig(
            Path home,
            Path collectionsDir,
            Path seedDir,
            ServerSettings server,
            OllamaSettings ollama,
            ClaudeSettings claude,
            RoutingSettings routing,
            CostSettings cost,
            EscalationSettings escalation) {
        this(home, collectionsDir, seedDir, server, ollama, claude, routing, cost, escalation, CodeSettings.defaults());
    }

    public KrConfig(
            Path home,
            Path collectionsDir,
            Path seedDir,
            ServerSettings server,
            OllamaSettings ollama,
            ClaudeSettings claude,
            RoutingSettings routing,
            CostSettings cost,
            EscalationSettings escalation,
            CodeSettings code) {
        this(
                home,
                collectionsDir,
                seedDir,
                server,
                ollama,
                claude,
                routing,
                cost,
                escalation,
                code,
                StoreSettings.defaults(),
                EmbedderSettings.defaults());
    }

    /** Where analysed repositories keep their graph and analysis state. */
    public Path graphsDir() {
        return home.resolve("graphs");
    }

    public KrConfig withCode(CodeSettings otherCode) {
        return new KrConfig(
                home,
                collectionsDir,
                seedDir,
                server,
                ollama,
                claude,
                routing,
                cost,
                escalation,
                otherCode,
                store,
                embedder,
                mcp,
                knowledge);
    }

    public KrConfig withStore(StoreSettings otherStore) {
        return new KrConfig(
                home,
                collectionsDir,
                seedDir,
                server,
                ollama,
                claude,
                routing,
                cost,
                escalation,
                code,
                otherStore,
                embedder,
                mcp,
                knowledge);
    }

    public KrConfig withEmbedder(EmbedderSettings otherEmbedder) {
        return new KrConfig(
                home,
                collectionsDir,
                seedDir,
                server,
                ollama,
                claude,
                routing,
                cost,
                escalation,
                code,
                store,
                otherEmbedder,
                mcp,
                knowledge);
    }

    /** Writes kept while the store's server is unreachable, until they are written. */
    public Path outboxDir() {
        return home.resolve("outbox");
    }

    public Path usageDir() {
        return home.resolve("usage");
    }

    public KrConfig withHome(Path otherHome) {
        return new KrConfig(
                otherHome,
                collectionsDir,
                seedDir,
                server,
                ollama,
                claude,
                routing,
                cost,
                escalation,
                code,
                store,
                embedder,
                mcp,
                knowledge);
    }

    public KrConfig withOllama(OllamaSettings otherOllama) {
        return new KrConfig(
                home,
                collectionsDir,
                seedDir,
                server,
                otherOllama,
                claude,
                routing,
                cost,
                escalation,
                code,
                store,
                embedder,
                mcp,
                knowledge);
    }

    public KrConfig withServer(ServerSettings otherServer) {
        return new KrConfig(
                home,
                collectionsDir,
                seedDir,
                otherServer,
                ollama,
                claude,
                routing,
                cost,
                escalation,
                code,
                store,
                embedder,
                mcp,
                knowledge);
    }

    public KrConfig withMcp(McpSettings otherMcp) {
        return new KrConfig(
                home,
                collectionsDir,
                seedDir,
                server,
                ollama,
                claude,
                routing,
                cost,
                escalation,
                code,
                store,
                embedder,
                otherMcp,
                knowledge);
    }

    public KrConfig withKnowledge(KnowledgeSettings otherKnowledge) {
        return new KrConfig(
                home,
                collectionsDir,
                seedDir,
                server,
                ollama,
                claude,
                routing,
                cost,
                escalation,
                code,
                store,
                embedder,
                mcp,
                otherKnowledge);
    }

    public Path luceneDir() {
        return home.resolve("lucene");
    }

    public Path serverFile() {
        return home.resolve("server.json");
    }
}
