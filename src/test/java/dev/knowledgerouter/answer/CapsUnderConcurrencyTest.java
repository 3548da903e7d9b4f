package dev.knowledgerouter.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.answer.claude.ClaudeChatClient;
import dev.knowledgerouter.answer.fileledger.FileUsageLedger;
import dev.knowledgerouter.config.ClaudeSettings;
import dev.knowledgerouter.config.CostSettings;
import dev.knowledgerouter.config.EscalationSettings;
import dev.knowledgerouter.config.Secret;
import dev.knowledgerouter.route.Target;
import dev.knowledgerouter.testing.GatedClaude;
import dev.knowledgerouter.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hourly cap and the budgets under a flood of {@code prefer: remote} requests, with a slow Claude
 * speaking Anthropic's wire format: every call is held at the server until each of the {@value #REQUESTS}
 * requests has either reached it or been refused, so all the calls that pass the guard are in flight
 * together, the race the guard must win. No local model is configured, so a refused request returns at
 * once with a retrieval answer saying why.
 */
class CapsUnderConcurrencyTest {
    static final int REQUESTS = 200;
    /** What one call of {@link dev.knowledgerouter.testing.WireReplies#CLAUDE_MESSAGE_OK} costs on Sonnet. */
    static final double ONE_CALL_USD = (2000 * 3 + 500 * 15) / 1_000_000.0;

    @TempDir
    Path usageDir;

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));

    record Flood(int callsAtClaude, List<Answer> answers, UsageSnapshot ledger) {
        long remoteAnswers() {
            return answers.stream()
                    .filter(a -> a.source() == AnswerSource.REMOTE)
                    .count();
        }

        double spent() {
            return ledger.records().stream().mapToDouble(UsageRecord::costUsd).sum();
        }
    }

    Flood flood(CostSettings cost) throws Exception {
        CountDownLatch decided = new CountDownLatch(REQUESTS);
        UsageLedger ledger = new FileUsageLedger(usageDir);
        try (GatedClaude claude = new GatedClaude(decided::countDown);
                ExecutorService pool = Executors.newFixedThreadPool(REQUESTS)) {
            ChatClient remote = new ClaudeChatClient(new ClaudeSettings(
                    Optional.of(Secret.of("sk-ant-test-key")),
                    ClaudeSettings.DEFAULT_MODEL,
                    claude.url(),
                    1024,
                    Duration.ofSeconds(60)));
            Answerer answerer = new Answerer(
                    List.of(),
                    Optional.of(remote),
                    new PromptBuilder(),
                    EscalationSettings.defaults(),
                    new CostGuard(ledger, cost, clock),
                    ledger,
                    cost,
                    clock);
            List<Future<Answer>> pending = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                AnswerRequest request = new AnswerRequest(
                        "i-" + i, "How do I shard topic " + i + "?", Target.LOCAL, List.of(), 0.72, "general", true);
                pending.add(pool.submit(() -> {
                    Answer a = answerer.answer(request);
                    if (a.source() != AnswerSource.REMOTE) {
                        decided.countDown();
                    }
                    return a;
                }));
            }
            assertTrue(decided.await(2, TimeUnit.MINUTES), "every request reached Claude or was refused");
            claude.open();
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> f : pending) {
                answers.add(f.get());
            }
            Periods p = Periods.at(clock.instant());
            return new Flood(claude.calls(), answers, ledger.snapshot(p.monthStart(), p.end()));
        }
    }

    static CostSettings cost(int maxCallsPerHour, Optional<Double> dailyBudget) {
        return new CostSettings(
                maxCallsPerHour,
                dailyBudget,
                Optional.empty(),
                CostSettings.defaultPricing(),
                ClaudeSettings.DEFAULT_MODEL);
    }

    @Test
    void twoHundredConcurrentRemoteRequestsMakeNoMoreCallsThanTheHourlyCap() throws Exception {
        Flood f = flood(cost(50, Optional.empty()));
        assertEquals(50, f.callsAtClaude(), "calls that reached Claude");
        assertEquals(50, f.remoteAnswers());
        assertEquals(50, f.ledger().records().size(), "every call is recorded");
        assertEquals(List.of(), f.ledger().holds(), "every hold is settled");
        assertTrue(
                f.answers().stream()
                        .filter(a -> a.source() != AnswerSource.REMOTE)
                        .allMatch(a -> a.note().contains("the hourly cap of 50 Claude calls is reached")),
                "the others say why Claude was not called");
    }

    @Test
    void twoHundredConcurrentRemoteRequestsOverspendTheDailyBudgetByNoMoreThanOneCall() throws Exception {
        double budget = 0.10;
        Flood f = flood(cost(1000, Optional.of(budget)));
        assertTrue(f.callsAtClaude() >= 1, "the budget allows some calls");
        assertEquals(f.callsAtClaude(), f.ledger().records().size(), "every call is recorded");
        assertTrue(f.spent() < budget + ONE_CALL_USD, "spent $" + f.spent() + " in " + f.callsAtClaude() + " calls");
        assertEquals(List.of(), f.ledger().holds(), "every hold is settled at its real cost");
    }
}
