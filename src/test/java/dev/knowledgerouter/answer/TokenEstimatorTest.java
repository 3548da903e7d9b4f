package dev.knowledgerouter.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.testing.TestStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The token estimate prompts are fitted with: a real tokenizer underneath, and a margin that keeps it conservative. */
class TokenEstimatorTest {
    final TokenEstimator tokens = new TokenEstimator();

    @Test
    void theTokenizerUnderneathIsCl100kBaseAsOpenAiPublishesItsCounts() {
        // The counts OpenAI's cookbook shows for cl100k_base.
        assertEquals(6, TokenEstimator.exact("tiktoken is great!"));
        assertEquals(6, TokenEstimator.exact("antidisestablishmentarianism"));
        assertEquals(7, TokenEstimator.exact("2 + 2 = 4"));
        assertEquals(9, TokenEstimator.exact("お誕生日おめでとう"));
    }

    @Test
    void theEstimateIsTheTokenizersCountWithAQuarterMoreRoundedUp() {
        assertEquals(8, tokens.count("tiktoken is great!"), "6 tokens * 1.25 = 7.5, rounded up");
        assertEquals(9, tokens.count("2 + 2 = 4"), "7 * 1.25 = 8.75, rounded up");
        assertEquals(0, tokens.count(""));
    }

    @Test
    void aMessageAddsWhatAChatTemplateWrapsAroundIt() {
        assertEquals(tokens.count("hello world") + TokenEstimator.PER_MESSAGE, tokens.message("hello world"));
    }

    @Test
    void onTheSeedDataTheEstimateAllowsMoreTokensThanLlama2sTokenizerReadsFromEnglish() throws IOException {
        // Meta reports 3.17 characters per token for Llama 2's tokenizer on English (3.94 for Llama 3's): the
        // smallest vocabulary among the models users run locally, so the one that needs the most tokens.
        long chars = 0;
        long estimated = 0;
        for (String line : seedLines()) {
            chars += line.length();
            estimated += tokens.count(line);
        }
        double charsPerToken = (double) chars / estimated;
        assertTrue(charsPerToken < 3.17, "estimated " + charsPerToken + " characters per token");
        assertTrue(charsPerToken > 2.5, "not so cautious that windows are wasted: " + charsPerToken);
    }

    @Test
    void textWithTheMarkersOfSpecialTokensIsCountedAsPlainText() {
        assertTrue(tokens.count("<|endoftext|> is how GPT marks the end") > 5);
    }

    private static List<String> seedLines() throws IOException {
        Path seeds = TestStack.projectDir().resolve("seed-data");
        try (Stream<Path> files = Files.list(seeds)) {
            return files.filter(p -> p.toString().endsWith(".jsonl"))
                    .flatMap(p -> {
                        try {
                            return Files.readAllLines(p).stream();
                        } catch (IOException e) {
                            throw new AssertionError(e);
                        }
                    })
                    .toList();
        }
    }
}
