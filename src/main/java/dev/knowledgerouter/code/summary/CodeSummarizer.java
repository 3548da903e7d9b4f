package dev.knowledgerouter.code.summary;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.knowledgerouter.answer.ChatClient;
import dev.knowledgerouter.answer.ModelReply;
import dev.knowledgerouter.answer.ModelUnavailableException;
import dev.knowledgerouter.answer.Prompt;
import dev.knowledgerouter.code.graph.GraphFile;
import dev.knowledgerouter.code.graph.GraphNode;
import dev.knowledgerouter.code.graph.StructuralSummary;
import dev.knowledgerouter.code.syntax.Language;
import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.knowledge.StopSignal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Asks the local model for summaries, tags and complexity of files and their declarations, a few files
 * per request and several requests at once. The model is told the node ids and may only describe them:
 * ids it invents are ignored, and nothing it says becomes a node or an edge. A batch whose call fails or
 * whose reply is not the JSON asked for keeps its structural summaries and is counted as failed; the
 * analysis goes on.
 */
public final class CodeSummarizer {
    public static final int MAX_EXCERPT_CHARS = 3_000;
    private static final int MAX_NODES_PER_FILE = 30;
    private static final int MAX_SUMMARY_CHARS = 400;
    private static final int MAX_TAGS = 5;
    private static final String SYSTEM = """
            You describe source code for a code search index. For each node id you are given, write a one-sentence \
            summary of what it does and why it exists, up to 5 lowercase tags (topics, not language names), and its \
            complexity: simple, moderate or complex. Reply with JSON only, exactly in this form:
            {"nodes":[{"id":"<node id>","summary":"...","tags":["..."],"complexity":"simple"}]}""";

    private final ChatClient model;
    private final int batchFiles;
    private final int parallelism;

    public CodeSummarizer(ChatClient model, int batchFiles, int parallelism) {
        if (batchFiles < 1 || parallelism < 1) {
            throw new IllegalArgumentException("batchFiles and parallelism must be at least 1");
        }
        this.model = model;
        this.batchFiles = batchFiles;
        this.parallelism = parallelism;
    }

    public String modelName() {
        return model.name();
    }

    /** The model it asks, for other work on the same repository (the overview). */
    public ChatClient model() {
        return model;
    }

    /** One file to describe: its nodes (the file node first) and the start of its text. */
    public record FileToSummarize(String path, Language language, String text, List<GraphNode> nodes) {
        public FileToSummarize {
            nodes = List.copyOf(nodes);
        }
    }

    /**
     * What came back.
     *
     * @param byNodeId accepted descriptions
     * @param failures one line per failed batch: its files and why
     */
    public record Result(Map<String, ModelSummary> byNodeId, int batchesOk, int batchesFailed, List<String> failures) {
        public Result {
            byNodeId = Map.copyOf(byNodeId);
            failures = List.copyOf(failures);
        }
    }

    public Result summarize(List<FileToSummarize> files, Progress progress) {
        return summarize(files, progress, StopSignal.never());
    }

    /** As {@link #summarize(List, Progress)}; once {@code stop} is requested, batches not yet sent are skipped. */
    public Result summarize(List<FileToSummarize> files, Progress progress, StopSignal stop) {
        List<List<FileToSummarize>> batches = new ArrayList<>();
        for (int i = 0; i < files.size(); i += batchFiles) {
            batches.add(files.subList(i, Math.min(files.size(), i + batchFiles)));
        }
        progress.start("summaries (" + model.name() + ")", batches.size());
        Map<String, ModelSummary> accepted = new HashMap<>();
        List<String> failures = new ArrayList<>();
        int ok = 0;
        ExecutorService pool = Executors.newFixedThreadPool(
                parallelism,
                Thread.ofPlatform().daemon().name("kr-summaries-", 0).factory());
        try {
            List<Future<Map<String, ModelSummary>>> futures = new ArrayList<>();
            for (List<FileToSummarize> batch : batches) {
                futures.add(pool.submit(() -> {
                    stop.check("summarising");
                    return summarizeBatch(batch);
                }));
            }
            for (int i = 0; i < futures.size(); i++) {
                try {
                    accepted.putAll(futures.get(i).get());
                    ok++;
                } catch (ExecutionException e) {
                    failures.add(describe(batches.get(i)) + ": " + message(e.getCause()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failures.add(describe(batches.get(i)) + ": interrupted");
                }
                progress.advance(1);
            }
        } finally {
            pool.shutdownNow();
            progress.done();
        }
        return new Result(accepted, ok, batches.size() - ok, failures);
    }

    private Map<String, ModelSummary> summarizeBatch(List<FileToSummarize> batch) throws ModelUnavailableException {
        Set<String> ids = new LinkedHashSet<>();
        StringBuilder user = new StringBuilder();
        for (FileToSummarize file : batch) {
            user.append("## File ")
                    .append(file.path())
                    .append(" (")
                    .append(StructuralSummary.languageName(file.language()))
                    .append(")\n");
            user.append("Nodes:\n");
            for (GraphNode node : file.nodes().subList(0, Math.min(file.nodes().size(), MAX_NODES_PER_FILE))) {
                ids.add(node.id());
                user.append("- id: ").append(node.id());
                if (node.signature() != null && !node.signature().isEmpty()) {
                    user.append("\n  signature: ").append(node.signature());
                }
                if (node.docComment() != null && !node.docComment().isEmpty()) {
                    user.append("\n  doc: ").append(StructuralSummary.firstSentence(node.docComment()));
                }
                user.append('\n');
            }
            String text = file.text().length() > MAX_EXCERPT_CHARS
                    ? file.text().substring(0, MAX_EXCERPT_CHARS) + "\n[...]"
                    : file.text();
            user.append("Source:\n```\n").append(text).append("\n```\n\n");
        }
        ModelReply reply = model.chat(new Prompt(SYSTEM, user.toString()));
        return parse(reply.text(), ids);
    }

    /**
     * The descriptions in a reply, for the asked ids only.
     *
     * @throws InvalidReplyException if the reply holds no JSON object with a {@code nodes} list, or no usable entry
     */
    static Map<String, ModelSummary> parse(String reply, Set<String> askedIds) {
        int start = reply.indexOf('{');
        int end = reply.lastIndexOf('}');
        if (start < 0 || end < start) {
            throw new InvalidReplyException("the reply holds no JSON object");
        }
        JsonNode root;
        try {
            root = GraphFile.JSON.readTree(reply.substring(start, end + 1));
        } catch (JsonProcessingException e) {
            throw new InvalidReplyException("the reply is not valid JSON: " + e.getOriginalMessage());
        }
        JsonNode nodes = root.path("nodes");
        if (!nodes.isArray()) {
            throw new InvalidReplyException("the reply has no \"nodes\" list");
        }
        Map<String, ModelSummary> out = new HashMap<>();
        for (JsonNode n : nodes) {
            String id = n.path("id").asText("");
            String summary = n.path("summary").asText("").strip();
            if (!askedIds.contains(id) || summary.isEmpty() || out.containsKey(id)) {
                continue;
            }
            if (summary.length() > MAX_SUMMARY_CHARS) {
                summary = summary.substring(0, MAX_SUMMARY_CHARS - 3) + "...";
            }
            List<String> tags = new ArrayList<>();
            n.path("tags").forEach(t -> {
                String tag = t.asText("").strip().toLowerCase(Locale.ROOT);
                if (!tag.isEmpty() && tag.length() <= 40 && tags.size() < MAX_TAGS && !tags.contains(tag)) {
                    tags.add(tag);
                }
            });
            out.put(
                    id,
                    new ModelSummary(
                            summary, tags, n.path("complexity").asText("").strip()));
        }
        if (out.isEmpty()) {
            throw new InvalidReplyException("the reply describes none of the " + askedIds.size() + " nodes asked for");
        }
        return out;
    }

    /** A model reply that does not follow the format asked for. */
    static final class InvalidReplyException extends RuntimeException {
        InvalidReplyException(String message) {
            super(message);
        }
    }

    private static String describe(List<FileToSummarize> batch) {
        return batch.stream()
                .map(FileToSummarize::path)
                .reduce((a, b) -> a + ", " + b)
                .orElse("(empty batch)");
    }

    private static String message(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }
}
