package dev.knowledgerouter.eval;

import dev.knowledgerouter.knowledge.JsonLines;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A retrieval data set in BEIR layout: {@code corpus.jsonl} ({@code _id, title, text}),
 * {@code queries.jsonl} ({@code _id, text}) and {@code qrels/test.tsv} (query-id, corpus-id, score).
 * Only the queries with judgements are evaluated.
 */
public record BeirDataset(
        String name, List<Document> corpus, List<Query> queries, Map<String, Map<String, Integer>> qrels) {

    public record Document(String id, String title, String text) {
        /** What gets embedded and indexed: title and text, as BEIR's evaluation does. */
        public String content() {
            return title.isBlank() ? text : title + " " + text;
        }
    }

    public record Query(String id, String text) {}

    /** The same queries and judgements over another corpus (e.g. the documents' texts rewritten). */
    public BeirDataset withCorpus(List<Document> documents) {
        return new BeirDataset(name, List.copyOf(documents), queries, qrels);
    }

    public static BeirDataset read(Path dir) {
        Path corpus = dir.resolve("corpus.jsonl");
        Path queries = dir.resolve("queries.jsonl");
        Path qrels = dir.resolve("qrels").resolve("test.tsv");
        for (Path p : List.of(corpus, queries, qrels)) {
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException(dir + " is not in BEIR layout: " + dir.relativize(p)
                        + " is missing (expected corpus.jsonl, queries.jsonl, qrels/test.tsv)");
            }
        }
        try {
            Map<String, Map<String, Integer>> judged = readQrels(qrels);
            List<Document> docs = new ArrayList<>();
            JsonLines.read(corpus, (n, node, error) -> {
                if (error != null || !node.path("_id").isTextual()) {
                    throw new IllegalArgumentException(
                            corpus + ":" + n + ": " + (error != null ? error : "missing \"_id\""));
                }
                docs.add(new Document(
                        node.path("_id").asText(),
                        node.path("title").asText(""),
                        node.path("text").asText("")));
            });
            List<Query> qs = new ArrayList<>();
            JsonLines.read(queries, (n, node, error) -> {
                if (error != null || !node.path("_id").isTextual()) {
                    throw new IllegalArgumentException(
                            queries + ":" + n + ": " + (error != null ? error : "missing \"_id\""));
                }
                if (judged.containsKey(node.path("_id").asText())) {
                    qs.add(new Query(
                            node.path("_id").asText(), node.path("text").asText("")));
                }
            });
            if (docs.isEmpty() || qs.isEmpty()) {
                throw new IllegalArgumentException(dir + " has no documents or no judged queries");
            }
            return new BeirDataset(dir.getFileName().toString(), docs, qs, judged);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + dir + ": " + e.getMessage());
        }
    }

    private static Map<String, Map<String, Integer>> readQrels(Path file) throws IOException {
        Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank() || (n == 1 && line.startsWith("query-id"))) {
                    continue;
                }
                String[] cols = line.split("\t");
                if (cols.length < 3) {
                    throw new IllegalArgumentException(file + ":" + n + ": expected query-id<TAB>corpus-id<TAB>score");
                }
                try {
                    out.computeIfAbsent(cols[0], q -> new LinkedHashMap<>())
                            .put(cols[1], Integer.parseInt(cols[2].strip()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(
                            file + ":" + n + ": score '" + cols[2] + "' is not a whole number");
                }
            }
        }
        return out;
    }
}
