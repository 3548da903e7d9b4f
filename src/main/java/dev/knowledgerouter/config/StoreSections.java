package dev.knowledgerouter.config;

import java.time.Duration;

/** Reads where knowledge is kept and who may change it: {@code store:} with {@code qdrant:}, and {@code knowledge:}. */
final class StoreSections {
    private final ConfigEnvironment env;

    StoreSections(ConfigEnvironment env) {
        this.env = env;
    }

    /** {@code store:} at the root picks the kind; Qdrant's settings are the {@code qdrant:} section. */
    StoreSettings store(YamlNode root) {
        StoreSettings d = StoreSettings.defaults();
        StoreSettings.Kind kind = env.get("KR_STORE")
                .or(() -> root.text("store"))
                .map(StoreSettings.Kind::parse)
                .orElse(d.kind());
        YamlNode q = root.child("qdrant");
        q.allowOnly(
                "url",
                "api_key",
                "collection_prefix",
                "shards",
                "replication_factor",
                "write_consistency_factor",
                "timeout_seconds");
        if (q.has("api_key")) {
            throw ConfigValues.secretInFile(q.path("api_key"), "keys", "QDRANT_API_KEY");
        }
        String url = env.get("QDRANT_URL").orElse(q.text("url").orElse(d.qdrantUrl()));
        int timeout = q.integer("timeout_seconds", (int) d.timeout().toSeconds());
        StoreSettings s = new StoreSettings(
                kind,
                url,
                env.get("QDRANT_API_KEY").map(Secret::of),
                q.text("collection_prefix").orElse(""),
                q.integer("shards", 1),
                q.integer("replication_factor", 1),
                q.integer("write_consistency_factor", 1),
                Duration.ofSeconds(Math.max(1, timeout)));
        try {
            QdrantOptions.parse(
                    s.qdrantUrl(),
                    s.collectionPrefix(),
                    s.shards(),
                    s.replicationFactor(),
                    s.writeConsistencyFactor(),
                    s.timeout());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(q.path("") + ": " + e.getMessage());
        }
        return s;
    }

    static KnowledgeSettings knowledge(YamlNode node) {
        node.allowOnly("allow_replace", "share_interactions");
        KnowledgeSettings d = KnowledgeSettings.defaults();
        return new KnowledgeSettings(
                node.flag("allow_replace", d.allowReplace()), node.flag("share_interactions", d.shareInteractions()));
    }
}
