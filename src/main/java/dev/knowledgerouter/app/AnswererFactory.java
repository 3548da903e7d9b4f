package dev.knowledgerouter.app;

import dev.knowledgerouter.answer.AnswerJudge;
import dev.knowledgerouter.answer.Answerer;
import dev.knowledgerouter.answer.ChatClient;
import dev.knowledgerouter.answer.ConcurrencyGate;
import dev.knowledgerouter.answer.CostGuard;
import dev.knowledgerouter.answer.PromptBuilder;
import dev.knowledgerouter.answer.PromptFitter;
import dev.knowledgerouter.answer.TokenEstimator;
import dev.knowledgerouter.answer.UnreachableBackoff;
import dev.knowledgerouter.answer.UsageLedger;
import dev.knowledgerouter.answer.claude.ClaudeChatClient;
import dev.knowledgerouter.answer.ollama.OllamaChatClient;
import dev.knowledgerouter.answer.openai.OpenAiChatClient;
import dev.knowledgerouter.config.GraderSettings;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.config.LocalModelSettings;
import dev.knowledgerouter.config.ModelLimits;
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
import java.util.OptionalInt;

/**
 * The answer chain the configuration describes: the local models in order ({@code local_models:}, else
 * {@code ollama:}'s model and fallbacks), Ollama's and OpenAI-compatible servers mixed, each behind the one
 * gate of its host; then Claude when a key is set, under the cost guard; and the judge that checks each
 * local answer before it is released. One prompt fitter serves them all.
 */
final class AnswererFactory {
    /** Room for the JSON a batch of file summaries comes back as; the window still bounds it. */
    static final int SUMMARY_MAX_TOKENS = 4096;

    private AnswererFactory() {}

    /** The gate every call to the configured Ollama host passes, answers and code summaries alike. */
    static ConcurrencyGate ollamaGate(KrConfig config) {
        return new ConcurrencyGate(
                config.ollama().host(),
                config.ollama().maxConcurrent(),
                config.ollama().maxQueued());
    }

    /** The model code summaries are asked of, on the configured Ollama host. */
    static ChatClient summaries(KrConfig config, String model, ConcurrencyGate ollamaGate) {
        ModelLimits limits = config.localModels().ollamaLimits();
        return new OllamaChatClient(
                LocalModelSettings.ollama(
                        config.ollama().host(),
                        model,
                        config.ollama().timeout(),
                        new ModelLimits(
                                limits.contextTokens(), OptionalInt.of(SUMMARY_MAX_TOKENS), limits.temperature())),
                ollamaGate,
                new PromptFitter(new TokenEstimator()));
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
                LocalModelSettings.ollama(
                        config.ollama().host(),
                        g.modelOr(config.ollama().model()),
                        g.timeout(),
                        config.localModels().ollamaLimits()),
                gate,
                new PromptFitter(new TokenEstimator()));
        return Optional.of(new LocalModelGrader(model, clock));
    }

    static Answerer answerer(
            KrConfig config,
            ConcurrencyGate ollamaGate,
            CostGuard guard,
            UsageLedger ledger,
            Clock clock,
            AnswerJudge judge) {
        PromptFitter fitter = new PromptFitter(new TokenEstimator());
        Map<String, ConcurrencyGate> gates = new HashMap<>();
        gates.put(LocalModelSettings.hostOf(config.ollama().host()), ollamaGate);
        // A stopped local server is found out once per pause, not once per query (UnreachableBackoff).
        List<ChatClient> localChain = config.localChain().stream()
                .map(m -> (ChatClient) new UnreachableBackoff(
                        local(m, gate(config, gates, m.host()), fitter), clock, UnreachableBackoff.PAUSE))
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

    private static ChatClient local(LocalModelSettings model, ConcurrencyGate gate, PromptFitter fitter) {
        return switch (model.provider()) {
            case OLLAMA -> new OllamaChatClient(model, gate, fitter);
            case OPENAI -> new OpenAiChatClient(model, gate, fitter);
        };
    }

    /** One gate per host and port, with the limits of the {@code ollama:} section. */
    private static ConcurrencyGate gate(KrConfig config, Map<String, ConcurrencyGate> gates, String host) {
        return gates.computeIfAbsent(
                host,
                h -> new ConcurrencyGate(
                        h, config.ollama().maxConcurrent(), config.ollama().maxQueued()));
    }
}
