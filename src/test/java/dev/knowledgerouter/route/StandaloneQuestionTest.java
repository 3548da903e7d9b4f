package dev.knowledgerouter.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rule that joins a follow-up with the previous user turn for routing and retrieval. */
class StandaloneQuestionTest {
    static final Optional<String> PREVIOUS = Optional.of("mvn fails with PKIX path building failed");

    @Test
    void aShortMessageIsJoinedWithThePreviousUserTurn() {
        StandaloneQuestion q = StandaloneQuestion.of("And on Gradle?", PREVIOUS);
        assertEquals("mvn fails with PKIX path building failed\nAnd on Gradle?", q.text());
        assertTrue(q.reason().orElseThrow().contains("3 words"), q.reason().orElseThrow());
    }

    @Test
    void aLongerMessageThatLeansOnAPronounIsJoined() {
        StandaloneQuestion q = StandaloneQuestion.of(
                "I imported the certificate into the trust store as you said, but the build still fails; why is it?",
                PREVIOUS);
        assertTrue(q.joined());
        assertTrue(q.text().startsWith(PREVIOUS.orElseThrow() + "\n"));
        assertTrue(
                q.reason().orElseThrow().contains("leans on 'it'"), q.reason().orElseThrow());
    }

    @Test
    void aMessageOpeningWithWhatAboutIsJoined() {
        StandaloneQuestion q = StandaloneQuestion.of(
                "what about running npm install behind the corporate proxy with a custom certificate bundle", PREVIOUS);
        assertTrue(
                q.reason().orElseThrow().contains("opens with 'what about'"),
                q.reason().orElseThrow());
    }

    @Test
    void aSelfContainedQuestionStandsAlone() {
        StandaloneQuestion q =
                StandaloneQuestion.of("How do I squash the last three commits into one with git rebase", PREVIOUS);
        assertFalse(q.joined());
        assertEquals("How do I squash the last three commits into one with git rebase", q.text());
    }

    @Test
    void aLongMessageStandsAloneEvenWhenItSaysThis() {
        String pasted =
                "What does this mean: " + "at org.apache.maven.wagon.TransferFailedException line 42 ".repeat(5);
        assertFalse(StandaloneQuestion.of(pasted, PREVIOUS).joined());
    }

    @Test
    void theFirstQuestionOfAConversationIsNeverJoined() {
        assertFalse(StandaloneQuestion.of("why?", Optional.empty()).joined());
    }
}
