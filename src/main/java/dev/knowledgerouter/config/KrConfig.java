package dev.knowledgerouter.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything the router needs to start: where its data lives ({@code home}), where collection
 * definitions and seed data come from, and the settings of each part. Built by {@link ConfigLoader}
 * from kr.yaml and the environment, or from {@link #builder} with every part at its default; a copy
 * with one part changed comes from {@link #toBuilder} or a {@code with} method.
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
        KnowledgeSettings knowledge,
        ReportSettings report,
        LocalModels localModels,
        GraderSettings grader) {

    public KrConfig {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(collectionsDir, "collectionsDir");
        Objects.requireNonNull(seedDir, "seedDir");
        Objects.requireNonNull(localModels, "localModels");
    }

    /**
     * Data under {@code home}, collection definitions and seed data in {@code appDir}'s
     * {@code collections} and {@code seed-data}, and every part as an empty kr.yaml and environment
     * leave it.
     */
    public static Builder builder(Path home, Path appDir) {
        return new Builder(home, appDir.resolve("collections"), appDir.resolve("seed-data"));
    }

    /** A builder holding this configuration, to change some parts of a copy. */
    public Builder toBuilder() {
        return new Builder(home, collectionsDir, seedDir)
                .server(server)
                .ollama(ollama)
                .claude(claude)
                .routing(routing)
                .cost(cost)
                .escalation(escalation)
                .code(code)
                .store(store)
                .embedder(embedder)
                .mcp(mcp)
                .knowledge(knowledge)
                .report(report)
                .localModels(localModels)
                .grader(grader);
    }

    public KrConfig withHome(Path otherHome) {
        return toBuilder().home(otherHome).build();
    }

    public KrConfig withRouting(RoutingSettings otherRouting) {
        return toBuilder().routing(otherRouting).build();
    }

    public KrConfig withServer(ServerSettings otherServer) {
        return toBuilder().server(otherServer).build();
    }

    public KrConfig withOllama(OllamaSettings otherOllama) {
        return toBuilder().ollama(otherOllama).build();
    }

    public KrConfig withCode(CodeSettings otherCode) {
        return toBuilder().code(otherCode).build();
    }

    public KrConfig withStore(StoreSettings otherStore) {
        return toBuilder().store(otherStore).build();
    }

    public KrConfig withEmbedder(EmbedderSettings otherEmbedder) {
        return toBuilder().embedder(otherEmbedder).build();
    }

    public KrConfig withMcp(McpSettings otherMcp) {
        return toBuilder().mcp(otherMcp).build();
    }

    public KrConfig withKnowledge(KnowledgeSettings otherKnowledge) {
        return toBuilder().knowledge(otherKnowledge).build();
    }

    public KrConfig withReport(ReportSettings otherReport) {
        return toBuilder().report(otherReport).build();
    }

    public KrConfig withLocalModels(LocalModels otherLocalModels) {
        return toBuilder().localModels(otherLocalModels).build();
    }

    /** The local models in the order they are tried: {@code local_models:}, else {@code ollama:}'s model and fallbacks. */
    public List<LocalModelSettings> localChain() {
        return localModels.chain(ollama);
    }

    public KrConfig withGrader(GraderSettings otherGrader) {
        return toBuilder().grader(otherGrader).build();
    }

    /** Where analysed repositories keep their graph and analysis state. */
    public Path graphsDir() {
        return home.resolve("graphs");
    }

    /** Writes kept while the store's server is unreachable, until they are written. */
    public Path outboxDir() {
        return home.resolve("outbox");
    }

    public Path usageDir() {
        return home.resolve("usage");
    }

    public Path luceneDir() {
        return home.resolve("lucene");
    }

    public Path serverFile() {
        return home.resolve("server.json");
    }

    /** The weekly reports kr serve archives, one JSON and one HTML file per ISO week, and the tuning log. */
    public Path reportsDir() {
        return home.resolve("reports");
    }

    /** A configuration part by part; a part not set keeps its default. */
    public static final class Builder {
        private Path home;
        private Path collectionsDir;
        private Path seedDir;
        private ServerSettings server = ServerSettings.defaults();
        private OllamaSettings ollama = OllamaSettings.defaults();
        private ClaudeSettings claude = ClaudeSettings.defaults();
        private RoutingSettings routing = RoutingSettings.defaults();
        private CostSettings cost = CostSettings.defaults();
        private EscalationSettings escalation = EscalationSettings.defaults();
        private CodeSettings code = CodeSettings.defaults();
        private StoreSettings store = StoreSettings.defaults();
        private EmbedderSettings embedder = EmbedderSettings.defaults();
        private McpSettings mcp = McpSettings.defaults();
        private KnowledgeSettings knowledge = KnowledgeSettings.defaults();
        private ReportSettings report = ReportSettings.defaults();
        private LocalModels localModels = LocalModels.defaults();
        private GraderSettings grader = GraderSettings.defaults();

        private Builder(Path home, Path collectionsDir, Path seedDir) {
            this.home = home;
            this.collectionsDir = collectionsDir;
            this.seedDir = seedDir;
        }

        public Builder home(Path value) {
            home = value;
            return this;
        }

        public Builder collectionsDir(Path value) {
            collectionsDir = value;
            return this;
        }

        public Builder seedDir(Path value) {
            seedDir = value;
            return this;
        }

        public Builder server(ServerSettings value) {
            server = value;
            return this;
        }

        public Builder ollama(OllamaSettings value) {
            ollama = value;
            return this;
        }

        public Builder claude(ClaudeSettings value) {
            claude = value;
            return this;
        }

        public Builder routing(RoutingSettings value) {
            routing = value;
            return this;
        }

        public Builder cost(CostSettings value) {
            cost = value;
            return this;
        }

        public Builder escalation(EscalationSettings value) {
            escalation = value;
            return this;
        }

        public Builder code(CodeSettings value) {
            code = value;
            return this;
        }

        public Builder store(StoreSettings value) {
            store = value;
            return this;
        }

        public Builder embedder(EmbedderSettings value) {
            embedder = value;
            return this;
        }

        public Builder mcp(McpSettings value) {
            mcp = value;
            return this;
        }

        public Builder knowledge(KnowledgeSettings value) {
            knowledge = value;
            return this;
        }

        public Builder report(ReportSettings value) {
            report = value;
            return this;
        }

        public Builder localModels(LocalModels value) {
            localModels = value;
            return this;
        }

        public Builder grader(GraderSettings value) {
            grader = value;
            return this;
        }

        public KrConfig build() {
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
                    knowledge,
                    report,
                    localModels,
                    grader);
        }
    }
}
