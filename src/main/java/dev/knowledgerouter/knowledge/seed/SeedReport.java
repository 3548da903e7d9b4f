package dev.knowledgerouter.knowledge.seed;

import java.nio.file.Path;

/** What one seed file did: entries read, and how many were new, changed or already up to date. */
public record SeedReport(
        String collection, Path file, int entries, int added, int updated, int unchanged, double seconds) {}
