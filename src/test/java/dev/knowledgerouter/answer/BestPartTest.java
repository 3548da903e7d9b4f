package dev.knowledgerouter.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Cutting a long passage to the part that matters for the question. */
class BestPartTest {
    static final String PASSAGE = """
            Maven builds run on the JVM and read settings.xml from ~/.m2.
            Proxies are declared in settings.xml under <proxies>.
            A TLS-intercepting proxy makes every download fail with PKIX path building failed.
            Import the proxy's CA certificate with keytool -importcert into a trust store.
            Then run mvn with -Djavax.net.ssl.trustStore=/path/to/store.jks.
            Gradle users set the same property in gradle.properties.
            Unrelated: the site plugin renders reports.""";

    @Test
    void aTextWithinTheBudgetIsKeptWhole() {
        assertEquals(PASSAGE, BestPart.cut(PASSAGE, "pkix", PASSAGE.length(), String::length));
    }

    @Test
    void theRunOfLinesSharingTheMostWordsWithTheQuestionIsKeptAndTheGapsAreMarked() {
        String cut =
                BestPart.cut(PASSAGE, "mvn fails with PKIX path building failed behind a proxy", 200, String::length);
        assertTrue(cut.length() <= 200, cut.length() + ": " + cut);
        assertTrue(cut.contains("PKIX path building failed"), cut);
        assertTrue(cut.startsWith(BestPart.GAP + " "), cut);
        assertTrue(!cut.contains("site plugin"), cut);
    }

    @Test
    void aPartEndingBeforeTheTextDoesIsMarkedAtTheEnd() {
        String cut = BestPart.cut(PASSAGE, "where does maven read settings.xml", 120, String::length);
        assertTrue(cut.startsWith("Maven builds run on the JVM"), cut);
        assertTrue(cut.endsWith(" " + BestPart.GAP), cut);
    }

    @Test
    void aQuestionSharingNoWordKeepsTheBeginning() {
        String cut = BestPart.cut(PASSAGE, "zebra quantum", 100, String::length);
        assertTrue(cut.startsWith("Maven builds run"), cut);
        assertTrue(cut.length() <= 100, cut);
    }

    @Test
    void aSingleLineLongerThanTheBudgetKeepsItsBeginningUpToTheBudget() {
        String line = "keytool ".repeat(100).strip();
        String cut = BestPart.cut(line, "keytool", 50, String::length);
        assertTrue(cut.length() <= 50, cut);
        assertTrue(cut.startsWith("keytool keytool"), cut);
    }

    @Test
    void aPassageKeepsItsTitleAndCutsItsText() {
        ContextPassage p = new ContextPassage("error-solutions", "pkix", 0.9, "PKIX path building failed", PASSAGE);
        ContextPassage cut = BestPart.of(p, "keytool trust store", 150, String::length);
        assertEquals("PKIX path building failed", cut.title());
        assertTrue(cut.text().length() <= 150, cut.text());
        assertTrue(cut.answer().contains("keytool"), cut.answer());
    }
}
