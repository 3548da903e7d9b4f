package dev.knowledgerouter.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Fitting a prompt to a model's window: what goes first, what is cut, and that the result always fits. */
class PromptFitterTest {
    static final String QUESTION = "mvn fails with PKIX path building failed behind the corporate proxy";
    static final List<ContextPassage> PASSAGES = List.of(
            passage("pkix", 0.91, "Import the proxy's CA certificate into a trust store with keytool. ", 20),
            passage(
                    "proxy-settings",
                    0.84,
                    filler("Maven reads proxies from settings.xml. ", 12)
                            + "Behind a TLS-intercepting corporate proxy every download fails with PKIX path building failed. "
                            + filler("The site plugin renders reports. ", 12)),
            passage("gradle", 0.80, "Gradle takes the trust store from gradle.properties. ", 20),
            passage("npm", 0.77, "npm reads the CA from the cafile setting. ", 20),
            passage("pip", 0.75, "pip takes a certificate bundle with --cert. ", 20));

    final TokenEstimator tokens = new TokenEstimator();
    final PromptFitter fitter = new PromptFitter(tokens);
    final Prompt prompt = new PromptBuilder().build(QUESTION, PASSAGES);

    @Test
    void aPromptThatFitsIsSentWholeWithTheAllowanceAsked() throws Exception {
        PromptFitter.Fitted f = fitter.fit(prompt, 32_768, 1024, "ollama/m");
        assertEquals(prompt, f.prompt());
        assertEquals(1024, f.allowance());
        assertTrue(f.trim().isEmpty());
    }

    @Test
    void theLowestRankedPassagesAreDroppedFirst() throws Exception {
        int window = fitter.tokens(new PromptBuilder().build(QUESTION, PASSAGES.subList(0, 2))) + 1024 + 20;
        PromptFitter.Fitted f = fitter.fit(prompt, window, 1024, "ollama/m");
        ContextTrim trim = f.trim().orElseThrow();
        assertEquals(List.of("kb/gradle", "kb/npm", "kb/pip"), trim.dropped());
        assertEquals(List.of(), trim.shortened());
        assertEquals(
                List.of("kb/pkix", "kb/proxy-settings"),
                f.prompt().notes().orElseThrow().passages().stream()
                        .map(ContextPassage::reference)
                        .toList());
        assertFalse(f.prompt().user().contains("gradle.properties"));
        assertTrue(f.prompt().user().endsWith(QUESTION));
    }

    @Test
    void thePassageAtTheBoundaryIsCutToItsBestPartForTheQuestion() throws Exception {
        int window = fitter.tokens(new PromptBuilder().build(QUESTION, PASSAGES.subList(0, 1))) + 1024 + 120;
        PromptFitter.Fitted f = fitter.fit(prompt, window, 1024, "ollama/m");
        ContextTrim trim = f.trim().orElseThrow();
        assertEquals(List.of("kb/proxy-settings"), trim.shortened());
        assertEquals(List.of("kb/gradle", "kb/npm", "kb/pip"), trim.dropped());
        String user = f.prompt().user();
        assertTrue(user.contains("every download fails with PKIX path building failed"), user);
        assertTrue(user.contains(BestPart.GAP), user);
        assertFalse(user.contains(PASSAGES.get(1).answer()), "the passage is not shown whole");
        assertEquals(
                "context trimmed to fit ollama/m's " + String.format(Locale.ROOT, "%,d", window)
                        + "-token window (1,024 tokens kept for the answer): dropped 3 lowest-ranked passages"
                        + " (kb/gradle, kb/npm, kb/pip); cut kb/proxy-settings to its best part",
                trim.reason());
    }

    @Test
    void aFittedPromptNeverExceedsTheWindow() throws Exception {
        for (int window = 700; window <= 6_000; window += 97) {
            PromptFitter.Fitted f = fitter.fit(prompt, window, 512, "ollama/m");
            assertEquals(fitter.tokens(f.prompt()), f.promptTokens());
            assertTrue(f.promptTokens() + f.allowance() <= window, "window " + window + ": " + f);
            assertTrue(f.prompt().user().endsWith(QUESTION));
        }
    }

    @Test
    void aQuestionTooLongForTheWindowIsRefusedSoTheNextModelCanAnswer() {
        String longQuestion = "why does this fail? ".repeat(400);
        Prompt tooLong = new PromptBuilder().build(longQuestion, PASSAGES);
        ModelUnavailableException e =
                assertThrows(ModelUnavailableException.class, () -> fitter.fit(tooLong, 2048, 512, "ollama/m"));
        assertTrue(e.getMessage().startsWith("ollama/m: the prompt needs about "), e.getMessage());
        assertTrue(e.getMessage().contains("2048-token window"), e.getMessage());
    }

    @Test
    void aLongQuestionShrinksTheAnswerAllowanceAndTheReasonSaysBy() throws Exception {
        Prompt bare = new PromptBuilder().build(QUESTION, List.of());
        int window = fitter.tokens(bare) + 300;
        PromptFitter.Fitted f = fitter.fit(prompt, window, 1024, "ollama/m");
        assertEquals(300, f.allowance());
        assertEquals(bare.user(), f.prompt().user());
        assertTrue(f.trim().orElseThrow().reason().contains("answer allowance cut from 1,024 to 300 tokens"));
    }

    static final List<ChatTurn> TURNS = List.of(
            ChatTurn.user("Which JDK does the build use? " + filler("It matters for the trust store. ", 30)),
            ChatTurn.assistant("The build uses Temurin 21. " + filler("Its cacerts lives under lib/security. ", 30)),
            ChatTurn.user("And Maven? " + filler("We run 3.9. ", 30)),
            ChatTurn.assistant("Maven 3.9 runs on that JDK. " + filler("It reads MAVEN_OPTS. ", 30)));

    @Test
    void theOldestTurnsOfAConversationAreDroppedBeforeAnyPassage() throws Exception {
        Prompt talk = prompt.in(Conversation.of(TURNS));
        int window = fitter.tokens(prompt.in(Conversation.of(TURNS.subList(2, 4)))) + 1024;
        PromptFitter.Fitted f = fitter.fit(talk, window, 1024, "ollama/m");
        assertEquals(TURNS.subList(2, 4), f.prompt().history());
        assertEquals(prompt.user(), f.prompt().user(), "every passage kept");
        ContextTrim trim = f.trim().orElseThrow();
        assertEquals(2, trim.droppedTurns());
        assertEquals(List.of(), trim.dropped());
        assertTrue(trim.reason().contains("dropped the 2 oldest turns of the conversation"), trim.reason());
    }

    @Test
    void aTurnTooBigForTheWindowIsDroppedWithTheAnswerThatFollowsIt() throws Exception {
        Prompt talk = prompt.in(Conversation.of(TURNS));
        // Room for the last three turns: the assistant turn that would lead them answers a dropped question.
        int window = fitter.tokens(prompt.in(Conversation.of(TURNS.subList(1, 4)))) + 1024;
        PromptFitter.Fitted f = fitter.fit(talk, window, 1024, "ollama/m");
        assertEquals(TURNS.subList(2, 4), f.prompt().history());
    }

    @Test
    void whenTheWholeConversationGoesThePassagesAreFittedAsForAQuestionAlone() throws Exception {
        int window = fitter.tokens(new PromptBuilder().build(QUESTION, PASSAGES.subList(0, 2))) + 1024 + 20;
        PromptFitter.Fitted f = fitter.fit(prompt.in(Conversation.of(TURNS)), window, 1024, "ollama/m");
        assertEquals(List.of(), f.prompt().history());
        ContextTrim trim = f.trim().orElseThrow();
        assertEquals(4, trim.droppedTurns());
        assertEquals(List.of("kb/gradle", "kb/npm", "kb/pip"), trim.dropped());
        assertTrue(f.promptTokens() + f.allowance() <= window);
    }

    @Test
    void aConversationThatFitsIsSentWholeWithTheClientsInstructionsAfterKrs() throws Exception {
        Prompt talk = prompt.in(new Conversation(Optional.of("Answer in French."), TURNS));
        PromptFitter.Fitted f = fitter.fit(talk, 32_768, 1024, "ollama/m");
        assertEquals(TURNS, f.prompt().history());
        assertTrue(f.prompt().system().startsWith(PromptBuilder.SYSTEM));
        assertTrue(f.prompt().system().endsWith("Answer in French."));
        assertTrue(f.trim().isEmpty());
    }

    private static ContextPassage passage(String id, double score, String text) {
        return new ContextPassage("kb", id, score, id, text);
    }

    private static ContextPassage passage(String id, double score, String sentence, int times) {
        return passage(id, score, filler(sentence, times));
    }

    private static String filler(String sentence, int times) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            lines.add(sentence);
        }
        return String.join("", lines);
    }
}
