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
        RoutingSettings routing) {

    public Path luceneDir() {
        return home.resolve("lucene");
    }

    public Path serverFile() {
        return home.resolve("server.json");
    }
}
