package dev.knowledgerouter.app;

import dev.knowledgerouter.answer.AnswerJudge;
import dev.knowledgerouter.answer.Answerer;
import dev.knowledgerouter.answer.ChatClient;
import dev.knowledgerouter.answer.ConcurrencyGate;
import dev.knowledgerouter.answer.CostGuard;
import dev.knowledgerouter.answer.PromptBuilder;
import dev.knowledgerouter.answer.UsageLedger;
import dev.knowledgerouter.answer.claude.ClaudeChatClient;
import dev.knowledgerouter.answer.ollama.OllamaChatClient;
import dev.knowledgerouter.config.GraderSettings;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.config.OllamaSettings;
import dev.knowledgerouter.config.RoutingProfile;
import dev.knowledgerouter.knowledge.KnowledgeStore;
import dev.knowledgerouter.verify.AnswerChecks;
import dev.knowledgerouter.verify.AnswerGrader;
import dev.knowledgerouter.verify.CheckingJudge;
import dev.knowledgerouter.verify.EscalationThresholds;
import dev.knowledgerouter.verify.LocalModelGrader;
import dev.knowledgerouter.verify.WeightsInUse;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The answer chain {@code ollama:} and {@code claude:} describe: the local models in order, each
 * behind the one gate of their Ollama host, then Claude when a key is set, under the cost guard; and
 * the judge that checks each local answer before it is released.
 */
final class AnswererFactory {
    private AnswererFactory() {}

    /** The gate every call to the configured Ollama host passes, answers and code summaries alike. */
    static ConcurrencyGate ollamaGate(KrConfig config) {
        return new ConcurrencyGate(
                config.ollama().host(),
                config.ollama().maxConcurrent(),
                config.ollama().maxQueued());
    }

    /** A client for one model on the configured Ollama host, with its timeout. */
    static ChatClient ollama(KrConfig config, String model, ConcurrencyGate gate) {
        return new OllamaChatClient(
                new OllamaSettings(
                        config.ollama().host(), model, config.ollama().timeout()),
                gate);
    }

    /**
     * The answer checks over the knowledge base's vocabulary, scored with the weights in use and held to
     * each profile's threshold ({@code escalate_at} in kr.yaml, else the shipped one); with
     * {@code verify.grader.enabled}, a local model's grade last, through the same gate as the answers.
     */
    static CheckingJudge judge(
            KrConfig config, KnowledgeStore store, WeightsInUse weights, ConcurrencyGate gate, Clock clock) {
        Map<String, Double> configured = new HashMap<>();
        for (RoutingProfile p : config.routing().profiles().values()) {
            p.escalateAt().ifPresent(t -> configured.put(p.name(), t));
        }
        return new CheckingJudge(
                AnswerChecks.standard(new KnowledgeVocabulary(store, clock), grader(config, gate, clock)),
                weights,
                EscalationThresholds.DEFAULTS.with(configured));
    }

    private static Optional<AnswerGrader> grader(KrConfig config, ConcurrencyGate gate, Clock clock) {
        GraderSettings g = config.grader();
        if (!g.enabled()) {
            return Optional.empty();
        }
        ChatClient model = new OllamaChatClient(
                new OllamaSettings(
                        config.ollama().host(), g.modelOr(config.ollama().model()), g.timeout()),
                gate);
        return Optional.of(new LocalModelGrader(model, clock));
    }

    static Answerer answerer(
            KrConfig config,
            ConcurrencyGate gate,
            CostGuard guard,
            UsageLedger ledger,
            Clock clock,
            AnswerJudge judge) {
        List<ChatClient> localChain = config.ollama().chain().stream()
                .map(model -> ollama(config, model, gate))
                .toList();
        Optional<ChatClient> remote =
                config.claude().enabled() ? Optional.of(new ClaudeChatClient(config.claude())) : Optional.empty();
        return new Answerer(
                localChain,
                remote,
                new PromptBuilder(),
                config.escalation(),
                guard,
                ledger,
                config.cost(),
                clock,
                judge);
    }
}
