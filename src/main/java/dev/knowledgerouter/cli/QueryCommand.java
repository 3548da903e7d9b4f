package dev.knowledgerouter.cli;

import dev.knowledgerouter.answer.Generation;
import dev.knowledgerouter.app.QueryRequest;
import dev.knowledgerouter.app.QueryResponse;
import dev.knowledgerouter.route.ForcedRoute;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "query",
        mixinStandardHelpOptions = true,
        description = {
            "Answer a question: search the knowledge base, route to the local model or Claude, and record the interaction.",
            "Goes through `kr serve` when one is running on this KR_HOME."
        })
final class QueryCommand implements Callable<Integer> {
    @ParentCommand
    KrCommand parent;

    @Option(
            names = "--json",
            description = "Print the full result as JSON (answer, route with reasons, context, attempts, timings).")
    boolean json;

    @Option(
            names = "--no-stream",
            description = "Wait for the whole answer instead of printing it as it comes (--json always waits).")
    boolean noStream;

    @Option(
            names = "--profile",
            paramLabel = "P",
            description = "Routing profile: default, critical (stricter), casual (looser), or one from kr.yaml.")
    String profile;

    @Option(
            names = "--prefer",
            paramLabel = "WHO",
            defaultValue = "auto",
            description = "remote: ask Claude first; local: the local models only, Claude never called;"
                    + " auto (default): let the router decide.")
    String prefer;

    @Option(
            names = {"--task", "--task-type"},
            paramLabel = "T",
            description = {
                "Task type: docstring, boilerplate, explain, snippet, review, test, architecture, security, ...",
                "The profile keeps some types local and sends others to Claude (absent: read from the wording);"
                        + " types listed as critical in kr.yaml escalate after one local failure."
            })
    String taskType;

    @Option(
            names = "--user",
            paramLabel = "NAME",
            description = {
                "Who asks, on a router several people share; stored with the interaction.",
                "Earlier answers are reused for the same user only, unless knowledge.share_interactions is true."
            })
    String user;

    @Option(
            names = "--max-tokens",
            paramLabel = "N",
            description =
                    "The most tokens the answer may have (default: max_tokens of the answering model in kr.yaml).")
    Integer maxTokens;

    @Option(
            names = "--temperature",
            paramLabel = "T",
            description = "Sampling temperature, 0 (focused) to 2 (default: temperature in kr.yaml, else 0.2 locally).")
    Double temperature;

    @Parameters(arity = "1..*", paramLabel = "TEXT", description = "The question (quote it, or pass several words).")
    List<String> words;

    @Override
    public Integer call() {
        if (!List.of("remote", "local", "auto").contains(prefer)) {
            throw new CliException("--prefer must be remote, local or auto, got '" + prefer + "'");
        }
        Generation asked;
        try {
            asked = new Generation(
                    maxTokens == null ? OptionalInt.empty() : OptionalInt.of(maxTokens),
                    temperature == null ? OptionalDouble.empty() : OptionalDouble.of(temperature));
        } catch (IllegalArgumentException e) {
            throw new CliException("--" + e.getMessage().replaceFirst("_", "-"));
        }
        KrContext ctx = parent.context();
        try (Backend backend = ctx.backend()) {
            QueryRequest request = new QueryRequest(
                            String.join(" ", words),
                            Optional.ofNullable(profile),
                            Optional.ofNullable(taskType),
                            prefer.equals("remote"))
                    .by(Optional.ofNullable(user))
                    .asking(asked);
            if (prefer.equals("local")) {
                request = request.forcedTo(ForcedRoute.local());
            }
            if (json) {
                ctx.printJson(backend.query(request));
                return 0;
            }
            var out = ctx.out();
            QueryResponse r;
            if (noStream) {
                r = backend.query(request);
                out.println(r.answer());
            } else {
                r = backend.query(request, text -> {
                    out.print(text);
                    out.flush();
                });
                out.println();
            }
            out.println();
            var route = r.route();
            out.println("answer:  " + answeredBy(r));
            out.printf(
                    Locale.ROOT,
                    "route:   %s · relevance %.3f · complexity %d · profile %s%n",
                    route.decided(),
                    route.relevance(),
                    route.complexity(),
                    route.profile());
            out.println("why:     " + route.reason());
            if (!"ok".equals(r.status())) {
                out.println("status:  " + r.status());
            }
            if (route.note() != null) {
                out.println("note:    " + route.note());
            }
            if (route.checks() != null) {
                out.printf(
                        Locale.ROOT,
                        "checks:  P(bad) %.2f, threshold %.2f%s%n",
                        route.checks().score(),
                        route.checks().threshold(),
                        route.checks().doubtful() ? ", doubtful" : "");
                route.checks().reasons().forEach(reason -> out.println("         - " + reason));
            }
            if (r.usage() != null && r.usage().costUsd() > 0) {
                out.printf(
                        Locale.ROOT,
                        "usage:   %d in / %d out tokens, $%.4f%n",
                        r.usage().inputTokens(),
                        r.usage().outputTokens(),
                        r.usage().costUsd());
            }
            if (!r.context().isEmpty()) {
                out.println("context: "
                        + String.join(
                                ", ",
                                r.context().stream()
                                        .map(c -> String.format(
                                                Locale.ROOT, "%s/%s (%.2f)", c.collection(), c.id(), c.score()))
                                        .toList()));
            }
            out.printf(Locale.ROOT, "id:      %s · %d ms%n", r.interactionId(), r.latencyMs());
            return 0;
        }
    }

    private static String answeredBy(QueryResponse r) {
        var route = r.route();
        if (route.reusedFrom() != null) {
            return "reused " + route.reusedFrom().reference() + " ("
                    + route.reusedFrom().kind().replace('_', ' ') + ", no model called)";
        }
        return route.target().equals("retrieval")
                ? "retrieval-only (no model answered)"
                : route.target() + " model " + route.model();
    }
}
