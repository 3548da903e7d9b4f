package dev.knowledgerouter.code.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.knowledgerouter.answer.ChatClient;
import dev.knowledgerouter.answer.ModelReply;
import dev.knowledgerouter.answer.ModelUnavailableException;
import dev.knowledgerouter.answer.Prompt;
import dev.knowledgerouter.code.graph.GraphNode;
import dev.knowledgerouter.code.syntax.Language;
import dev.knowledgerouter.knowledge.Progress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Model replies are parsed defensively, and a batch that fails costs only its own files' summaries. */
class CodeSummarizerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ASKED_ID = Pattern.compile("^- id: (.+)$", Pattern.MULTILINE);
    private static final Pattern FILE_HEADER = Pattern.compile("^## File (\\S+) ", Pattern.MULTILINE);

    // ---- parse ----

    private static final String ONE_NODE = """
            {"nodes":[{"id":"app.py","summary":"Starts the server.","tags":["http"],"complexity":"simple"}]}""";

    @Test
    void aBareJsonReplyIsParsed() {
        assertEquals(
                Map.of("app.py", new ModelSummary("Starts the server.", List.of("http"), "simple")),
                CodeSummarizer.parse(ONE_NODE, Set.of("app.py")));
    }

    @Test
    void jsonInsideProseIsParsed() {
        String reply = "Sure! Here is the description you asked for:\n" + ONE_NODE + "\nLet me know if you need more.";

        assertEquals(
                Map.of("app.py", new ModelSummary("Starts the server.", List.of("http"), "simple")),
                CodeSummarizer.parse(reply, Set.of("app.py")));
    }

    @Test
    void jsonInsideAFencedBlockIsParsed() {
        String reply = "```json\n" + ONE_NODE + "\n```\n";

        assertEquals(
                Map.of("app.py", new ModelSummary("Starts the server.", List.of("http"), "simple")),
                CodeSummarizer.parse(reply, Set.of("app.py")));
    }

    @Test
    void proseWithBracesAfterTheJsonIsIgnored() {
        String reply = ONE_NODE + "\nNote: I left out the helper {x} since it was not asked for.";

        assertEquals(
                Map.of("app.py", new ModelSummary("Starts the server.", List.of("http"), "simple")),
                CodeSummarizer.parse(reply, Set.of("app.py")));
    }

    @Test
    void idsThatWereNotAskedForAreIgnored() {
        String reply = """
                {"nodes":[{"id":"app.py","summary":"Starts the server."},
                          {"id":"app.py:invented","summary":"Something the model made up."}]}""";

        assertEquals(
                Set.of("app.py"),
                CodeSummarizer.parse(reply, Set.of("app.py", "app.py:main")).keySet());
    }

    @Test
    void blankSummariesAreIgnored() {
        String reply = """
                {"nodes":[{"id":"app.py","summary":"   "},
                          {"id":"app.py:main","tags":["cli"]},
                          {"id":"app.py:run","summary":"Runs the loop."}]}""";

        assertEquals(
                Map.of("app.py:run", new ModelSummary("Runs the loop.", List.of(), "")),
                CodeSummarizer.parse(reply, Set.of("app.py", "app.py:main", "app.py:run")));
    }

    @Test
    void summariesAreStripped() {
        String reply = "{\"nodes\":[{\"id\":\"a\",\"summary\":\"  Does a.\\n\",\"complexity\":\" moderate \"}]}";

        assertEquals(
                new ModelSummary("Does a.", List.of(), "moderate"),
                CodeSummarizer.parse(reply, Set.of("a")).get("a"));
    }

    @Test
    void theFirstDescriptionOfARepeatedIdWins() {
        String reply = """
                {"nodes":[{"id":"a","summary":"First."},{"id":"a","summary":"Second."}]}""";

        assertEquals(Map.of("a", new ModelSummary("First.", List.of(), "")), CodeSummarizer.parse(reply, Set.of("a")));
    }

    @Test
    void aLongSummaryIsTruncatedTo400CharactersEndingInAnEllipsis() {
        String reply = "{\"nodes\":[{\"id\":\"a\",\"summary\":\"" + "x".repeat(500) + "\"}]}";

        assertEquals(
                "x".repeat(397) + "...",
                CodeSummarizer.parse(reply, Set.of("a")).get("a").summary());
    }

    @Test
    void aSummaryOfExactly400CharactersIsKeptWhole() {
        String reply = "{\"nodes\":[{\"id\":\"a\",\"summary\":\"" + "x".repeat(400) + "\"}]}";

        assertEquals(
                "x".repeat(400),
                CodeSummarizer.parse(reply, Set.of("a")).get("a").summary());
    }

    @Test
    void tagsAreStrippedLowerCasedAndDeduplicated() {
        String reply = """
                {"nodes":[{"id":"a","summary":"A.","tags":["HTTP"," Parsing ","http","",
                  "a-tag-that-is-far-too-long-to-be-a-useful-tag"]}]}""";

        assertEquals(
                List.of("http", "parsing"),
                CodeSummarizer.parse(reply, Set.of("a")).get("a").tags());
    }

    @Test
    void atMostFiveTagsAreKeptAsThePromptAsks() {
        String tags =
                IntStream.rangeClosed(1, 12).mapToObj(i -> "\"t" + i + "\"").collect(Collectors.joining(","));
        String reply = "{\"nodes\":[{\"id\":\"a\",\"summary\":\"A.\",\"tags\":[" + tags + "]}]}";

        assertEquals(
                List.of("t1", "t2", "t3", "t4", "t5"),
                CodeSummarizer.parse(reply, Set.of("a")).get("a").tags());
    }

    @Test
    void aReplyWithoutJsonIsInvalid() {
        CodeSummarizer.InvalidReplyException e = assertThrows(
                CodeSummarizer.InvalidReplyException.class,
                () -> CodeSummarizer.parse("I am sorry, I cannot describe this code.", Set.of("a")));
        assertEquals("the reply holds no JSON object", e.getMessage());
    }

    @Test
    void aReplyWithOnlyAClosingBraceBeforeAnOpeningOneIsInvalid() {
        CodeSummarizer.InvalidReplyException e = assertThrows(
                CodeSummarizer.InvalidReplyException.class, () -> CodeSummarizer.parse("} and then {", Set.of("a")));
        assertEquals("the reply holds no JSON object", e.getMessage());
    }

    @Test
    void aReplyWithBrokenJsonIsInvalid() {
        CodeSummarizer.InvalidReplyException e = assertThrows(
                CodeSummarizer.InvalidReplyException.class,
                () -> CodeSummarizer.parse("{\"nodes\": [{\"id\": \"a\", \"summary\": }]}", Set.of("a")));
        assertTrue(e.getMessage().startsWith("the reply is not valid JSON: "), e.getMessage());
    }

    @Test
    void aReplyWithoutANodesListIsInvalid() {
        CodeSummarizer.InvalidReplyException e = assertThrows(
                CodeSummarizer.InvalidReplyException.class,
                () -> CodeSummarizer.parse("{\"summaries\": [{\"id\": \"a\", \"summary\": \"A.\"}]}", Set.of("a")));
        assertEquals("the reply has no \"nodes\" list", e.getMessage());
    }

    @Test
    void aReplyWhoseNodesIsNotAListIsInvalid() {
        CodeSummarizer.InvalidReplyException e = assertThrows(
                CodeSummarizer.InvalidReplyException.class,
                () -> CodeSummarizer.parse("{\"nodes\": {\"id\": \"a\", \"summary\": \"A.\"}}", Set.of("a")));
        assertEquals("the reply has no \"nodes\" list", e.getMessage());
    }

    @Test
    void aReplyDescribingNoneOfTheAskedNodesIsInvalid() {
        CodeSummarizer.InvalidReplyException e = assertThrows(
                CodeSummarizer.InvalidReplyException.class,
                () -> CodeSummarizer.parse(
                        "{\"nodes\": [{\"id\": \"other\", \"summary\": \"O.\"}, {\"id\": \"a\", \"summary\": \"\"}]}",
                        Set.of("a", "b")));
        assertEquals("the reply describes none of the 2 nodes asked for", e.getMessage());
    }

    @Test
    void aReplyWithAnEmptyNodesListIsInvalid() {
        assertThrows(
                CodeSummarizer.InvalidReplyException.class, () -> CodeSummarizer.parse("{\"nodes\": []}", Set.of("a")));
    }

    // ---- summarize ----

    /** What the fake model does with the user turn of a prompt. */
    @FunctionalInterface
    private interface Responder {
        String reply(String user) throws ModelUnavailableException;
    }

    /** A chat model in a test: answers by a responder and remembers every prompt. */
    private static final class FakeModel implements ChatClient {
        private final Responder responder;
        final List<Prompt> prompts = Collections.synchronizedList(new ArrayList<>());

        FakeModel(Responder responder) {
            this.responder = responder;
        }

        @Override
        public String name() {
            return "fake/model";
        }

        @Override
        public ModelReply chat(Prompt prompt) throws ModelUnavailableException {
            prompts.add(prompt);
            return new ModelReply(responder.reply(prompt.user()), 10, 20);
        }

        /** The files of each prompt, in the order the prompts were sent. */
        List<List<String>> filesPerPrompt() {
            synchronized (prompts) {
                return prompts.stream().map(p -> matches(FILE_HEADER, p.user())).toList();
            }
        }
    }

    private static List<String> matches(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /** The reply a well-behaved model gives: every asked id described as "About <id>.". */
    private static String describeEveryAskedId(String user) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode nodes = root.putArray("nodes");
        for (String id : matches(ASKED_ID, user)) {
            ObjectNode n = nodes.addObject();
            n.put("id", id);
            n.put("summary", "About " + id + ".");
            n.putArray("tags").add("demo");
            n.put("complexity", "simple");
        }
        return root.toString();
    }

    private static GraphNode graphNode(String id, String type) {
        return new GraphNode(
                id,
                type,
                id.substring(id.lastIndexOf(':') + 1),
                null,
                null,
                "",
                List.of(),
                "moderate",
                "python",
                null,
                null);
    }

    /** A Python file with its file node and one function, {@code <path>:main}. */
    private static CodeSummarizer.FileToSummarize file(String path) {
        return new CodeSummarizer.FileToSummarize(
                path,
                Language.PYTHON,
                "def main():\n    pass\n",
                List.of(graphNode(path, GraphNode.FILE), graphNode(path + ":main", GraphNode.FUNCTION)));
    }

    private static List<CodeSummarizer.FileToSummarize> files(String... paths) {
        return Arrays.stream(paths).map(CodeSummarizerTest::file).toList();
    }

    private static Set<String> idsOf(String... paths) {
        return Arrays.stream(paths).flatMap(p -> Stream.of(p, p + ":main")).collect(Collectors.toSet());
    }

    @Test
    void filesAreSentInBatchesOfBatchFiles() {
        FakeModel model = new FakeModel(CodeSummarizerTest::describeEveryAskedId);

        CodeSummarizer.Result result =
                new CodeSummarizer(model, 2, 1).summarize(files("a.py", "b.py", "c.py", "d.py", "e.py"), Progress.NONE);

        assertEquals(
                List.of(List.of("a.py", "b.py"), List.of("c.py", "d.py"), List.of("e.py")), model.filesPerPrompt());
        assertEquals(3, result.batchesOk());
        assertEquals(0, result.batchesFailed());
        assertEquals(List.of(), result.failures());
    }

    @Test
    void everyAskedNodeGetsTheModelsDescription() {
        FakeModel model = new FakeModel(CodeSummarizerTest::describeEveryAskedId);

        CodeSummarizer.Result result =
                new CodeSummarizer(model, 2, 1).summarize(files("a.py", "b.py", "c.py"), Progress.NONE);

        assertEquals(idsOf("a.py", "b.py", "c.py"), result.byNodeId().keySet());
        assertEquals(
                new ModelSummary("About b.py:main.", List.of("demo"), "simple"),
                result.byNodeId().get("b.py:main"));
    }

    @Test
    void thePromptNamesEachFileItsNodeIdsAndItsSource() {
        FakeModel model = new FakeModel(CodeSummarizerTest::describeEveryAskedId);

        new CodeSummarizer(model, 5, 1).summarize(files("a.py"), Progress.NONE);

        String user = model.prompts.getFirst().user();
        assertEquals(List.of("a.py", "a.py:main"), matches(ASKED_ID, user));
        assertTrue(user.startsWith("## File a.py (Python)\n"), user);
        assertTrue(user.contains("Source:\n```\ndef main():\n    pass\n\n```\n"), user);
    }

    @Test
    void atMostThirtyNodesOfAFileAreAskedFor() {
        List<GraphNode> nodes = new ArrayList<>();
        nodes.add(graphNode("big.py", GraphNode.FILE));
        for (int i = 1; i < 40; i++) {
            nodes.add(graphNode("big.py:f" + i, GraphNode.FUNCTION));
        }
        FakeModel model = new FakeModel(CodeSummarizerTest::describeEveryAskedId);

        CodeSummarizer.Result result = new CodeSummarizer(model, 1, 1)
                .summarize(
                        List.of(new CodeSummarizer.FileToSummarize("big.py", Language.PYTHON, "", nodes)),
                        Progress.NONE);

        assertEquals(30, matches(ASKED_ID, model.prompts.getFirst().user()).size());
        assertEquals(30, result.byNodeId().size());
    }

    @Test
    void aFailingBatchAndAnInvalidReplyAreCountedAsFailedAndTheOtherBatchesKept() {
        FakeModel model = new FakeModel(user -> {
            if (user.contains("## File c.py ")) {
                throw new ModelUnavailableException("ollama timed out after 120 s", null);
            }
            if (user.contains("## File e.py ")) {
                return "{\"nodes\": [{\"id\": \"e.py\", \"summary\": }";
            }
            return describeEveryAskedId(user);
        });

        CodeSummarizer.Result result = new CodeSummarizer(model, 2, 2)
                .summarize(files("a.py", "b.py", "c.py", "d.py", "e.py", "f.py", "g.py", "h.py"), Progress.NONE);

        assertEquals(2, result.batchesOk());
        assertEquals(2, result.batchesFailed());
        assertEquals(idsOf("a.py", "b.py", "g.py", "h.py"), result.byNodeId().keySet());
        assertEquals(2, result.failures().size());
        assertEquals(
                "c.py, d.py: ollama timed out after 120 s", result.failures().get(0));
        assertTrue(
                result.failures().get(1).startsWith("e.py, f.py: the reply is not valid JSON: "),
                result.failures().get(1));
    }

    @Test
    void aReplyDescribingNothingAskedFailsItsBatch() {
        FakeModel model =
                new FakeModel(user -> "{\"nodes\": [{\"id\": \"elsewhere.py\", \"summary\": \"Invented.\"}]}");

        CodeSummarizer.Result result = new CodeSummarizer(model, 3, 1).summarize(files("a.py", "b.py"), Progress.NONE);

        assertEquals(0, result.batchesOk());
        assertEquals(1, result.batchesFailed());
        assertEquals(Map.of(), result.byNodeId());
        assertEquals(List.of("a.py, b.py: the reply describes none of the 4 nodes asked for"), result.failures());
    }

    @Test
    void aFailureWithoutAMessageIsNamedByItsExceptionType() {
        FakeModel model = new FakeModel(user -> {
            throw new ModelUnavailableException(null, null);
        });

        CodeSummarizer.Result result = new CodeSummarizer(model, 1, 1).summarize(files("a.py"), Progress.NONE);

        assertEquals(List.of("a.py: ModelUnavailableException"), result.failures());
    }

    @Test
    void batchesRunInParallelWithoutLosingResults() {
        int parallelism = 3;
        CountDownLatch allStarted = new CountDownLatch(parallelism);
        AtomicBoolean startedTogether = new AtomicBoolean(true);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        FakeModel model = new FakeModel(user -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                allStarted.countDown();
                // The first three batches each wait until all three are running: only parallel calls get past this.
                if (!allStarted.await(10, TimeUnit.SECONDS)) {
                    startedTogether.set(false);
                }
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
            return describeEveryAskedId(user);
        });
        String[] paths =
                IntStream.rangeClosed(1, 10).mapToObj(i -> "m" + i + ".py").toArray(String[]::new);

        CodeSummarizer.Result result = new CodeSummarizer(model, 1, parallelism).summarize(files(paths), Progress.NONE);

        assertTrue(startedTogether.get(), "three batches should have been in flight at once");
        assertEquals(parallelism, maxInFlight.get());
        assertEquals(10, model.prompts.size());
        assertEquals(10, result.batchesOk());
        assertEquals(0, result.batchesFailed());
        assertEquals(idsOf(paths), result.byNodeId().keySet());
        for (String path : paths) {
            assertEquals("About " + path + ".", result.byNodeId().get(path).summary());
        }
    }

    @Test
    void progressCountsOneStepPerBatch() {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        Progress progress = new Progress() {
            @Override
            public void start(String label, long total) {
                events.add("start " + label + " " + total);
            }

            @Override
            public void advance(long units) {
                events.add("advance " + units);
            }

            @Override
            public void done() {
                events.add("done");
            }
        };
        FakeModel model = new FakeModel(CodeSummarizerTest::describeEveryAskedId);

        new CodeSummarizer(model, 2, 2).summarize(files("a.py", "b.py", "c.py"), progress);

        assertEquals(List.of("start summaries (fake/model) 2", "advance 1", "advance 1", "done"), events);
    }

    @Test
    void noFilesMeansNoCalls() {
        FakeModel model = new FakeModel(CodeSummarizerTest::describeEveryAskedId);

        CodeSummarizer.Result result = new CodeSummarizer(model, 2, 2).summarize(List.of(), Progress.NONE);

        assertEquals(List.of(), model.prompts);
        assertEquals(new CodeSummarizer.Result(Map.of(), 0, 0, List.of()), result);
    }

    @Test
    void batchFilesAndParallelismMustBePositive() {
        FakeModel model = new FakeModel(CodeSummarizerTest::describeEveryAskedId);

        assertThrows(IllegalArgumentException.class, () -> new CodeSummarizer(model, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new CodeSummarizer(model, 1, 0));
    }

    @Test
    void theModelNameIsTheClients() {
        assertEquals(
                "fake/model",
                new CodeSummarizer(new FakeModel(CodeSummarizerTest::describeEveryAskedId), 1, 1).modelName());
    }
}
