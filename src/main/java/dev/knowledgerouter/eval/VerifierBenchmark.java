package dev.knowledgerouter.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.answer.ContextPassage;
import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.verify.AnswerCheck;
import dev.knowledgerouter.verify.AnswerUnderReview;
import dev.knowledgerouter.verify.AnswerVerifier;
import dev.knowledgerouter.verify.ModelMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Measures what checking a local answer costs ({@code kr bench verify}) on realistic answers: the
 * shipped knowledge entries as answers to their own titles, with the entry as retrieved context
 * above the relevance bar (prose, inline code, fenced code in several languages), and optionally a
 * model's answers from RouteLLM-layout data (step-by-step arithmetic). A benchmark, not a test:
 * the numbers depend on the machine.
 */
public final class VerifierBenchmark {
    private static final int WARM_UP_ROUNDS = 3;
    private static final double RETRIEVED = 0.85;
    private static final List<String> ANSWER_FIELDS = List.of("solution", "pattern", "guidance");
    private static final List<String> QUESTION_FIELDS = List.of("error", "title", "problem");

    private final AnswerVerifier verifier;

    public VerifierBenchmark(AnswerVerifier verifier) {
        this.verifier = verifier;
    }

    /** Every entry of the seed files in {@code dir}, answering its own title or error. */
    public static List<AnswerUnderReview> fromSeeds(Path dir) {
        List<AnswerUnderReview> out = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f :
                    files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(f)) {
                    if (!line.isBlank()) {
                        out.add(review(f.getFileName().toString(), json.readValue(line, Map.class)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read seed data in " + dir + ": " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no seed entries in " + dir + "; pass a folder of .jsonl seed files");
        }
        return out;
    }

    private static AnswerUnderReview review(String file, Map<?, ?> entry) {
        String question = first(entry, QUESTION_FIELDS);
        String answer = first(entry, ANSWER_FIELDS);
        String id = String.valueOf(entry.get("id"));
        ContextPassage passage = new ContextPassage(file.replace(".jsonl", ""), id, RETRIEVED, question, answer);
        return new AnswerUnderReview(
                question,
                List.of(passage),
                answer,
                new ModelMetadata("bench", "stop", null, null),
                AnswerUnderReview.DEFAULT_RELEVANCE_BAR);
    }

    private static String first(Map<?, ?> entry, List<String> fields) {
        return fields.stream()
                .map(entry::get)
                .filter(v -> v != null)
                .map(String::valueOf)
                .findFirst()
                .orElse("");
    }

    /** The weak model's answers of RouteLLM-layout data, without context. */
    public static List<AnswerUnderReview> fromRouteLlm(List<RouteLlmData.Row> rows) {
        WeakAnswers.requireResponses(rows);
        return rows.stream()
                .map(r -> AnswerUnderReview.of(r.prompt(), r.weakResponse()))
                .toList();
    }

    public VerifyBenchResult measure(List<AnswerUnderReview> answers, int rounds, Progress progress) {
        if (answers.isEmpty() || rounds < 1) {
            throw new IllegalArgumentException("need at least one answer and one round");
        }
        List<AnswerCheck> checks = verifier.checks().checks();
        progress.start("warm up", (long) WARM_UP_ROUNDS * answers.size());
        for (int r = 0; r < WARM_UP_ROUNDS; r++) {
            for (AnswerUnderReview a : answers) {
                verifier.check(a);
                progress.advance(1);
            }
        }
        progress.done();
        double[] total = new double[rounds * answers.size()];
        double[][] perCheck = new double[checks.size()][rounds * answers.size()];
        int n = 0;
        progress.start("check answers", total.length);
        for (int r = 0; r < rounds; r++) {
            for (AnswerUnderReview a : answers) {
                long start = System.nanoTime();
                verifier.check(a);
                total[n] = (System.nanoTime() - start) / 1e6;
                for (int c = 0; c < checks.size(); c++) {
                    long s = System.nanoTime();
                    checks.get(c).check(a);
                    perCheck[c][n] = (System.nanoTime() - s) / 1e6;
                }
                n++;
                progress.advance(1);
            }
        }
        progress.done();
        Arrays.sort(total);
        Map<String, Double> checkP99 = new LinkedHashMap<>();
        for (int c = 0; c < checks.size(); c++) {
            Arrays.sort(perCheck[c]);
            checkP99.put(checks.get(c).name(), round(Percentile.nearestRank(perCheck[c], 99)));
        }
        return new VerifyBenchResult(
                answers.size(),
                rounds,
                Runtime.getRuntime().availableProcessors(),
                round(Percentile.nearestRank(total, 50)),
                round(Percentile.nearestRank(total, 99)),
                round(total[total.length - 1]),
                checkP99);
    }

    private static double round(double ms) {
        return Math.round(ms * 1000) / 1000.0;
    }
}
