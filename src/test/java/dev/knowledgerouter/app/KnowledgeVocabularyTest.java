package dev.knowledgerouter.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.testing.MutableClock;
import dev.knowledgerouter.testing.TestStack;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The grounding check's knowledge-base lookup, over the seeded store. */
class KnowledgeVocabularyTest {
    @TempDir
    Path home;

    App app;
    KnowledgeVocabulary vocabulary;

    @BeforeEach
    void open() {
        app = App.open(TestStack.seededCopy(home), TestStack.embedder(), new MutableClock(Instant.now()));
        vocabulary = new KnowledgeVocabulary(app.store(), app.clock());
    }

    @AfterEach
    void close() {
        app.close();
    }

    @Test
    void aCommandAFlagAndAFileNameFromStoredAnswersAreKnown() {
        assertTrue(vocabulary.contains("keytool"));
        assertTrue(vocabulary.contains("mvn"));
        assertTrue(vocabulary.contains("--break-system-packages"));
        assertTrue(vocabulary.size() > 1000, "terms: " + vocabulary.size());
    }

    @Test
    void aMadeUpFlagIsNot() {
        assertFalse(vocabulary.contains("--wait-for-db-forever"));
        assertFalse(vocabulary.contains("kr-frobnicate.yaml"));
    }

    @Test
    void sentencePunctuationAndOptionValuesAreTakenOff() {
        Set<String> terms = new HashSet<>();
        KnowledgeVocabulary.add("Set --max-old-space-size=4096, then edit path/to/kr.yaml.", terms);
        assertTrue(terms.containsAll(Set.of("--max-old-space-size", "path/to/kr.yaml", "kr.yaml")), terms.toString());
    }
}
