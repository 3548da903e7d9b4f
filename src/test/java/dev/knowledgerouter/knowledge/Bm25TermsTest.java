package dev.knowledgerouter.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

class Bm25TermsTest {
    final Bm25Terms terms = new Bm25Terms();

    @Test
    void queryTermsAreLowerCasedStemmedAndFreeOfStopWords() {
        assertEquals(List.of("maven", "build", "fail"), List.copyOf(terms.ofQuery("The Maven builds FAILED")));
    }

    @Test
    void aQueryKeepsEachTermOnceInTheOrderItFirstAppears() {
        assertEquals(List.of("gradl", "daemon"), List.copyOf(terms.ofQuery("gradle daemon gradle")));
    }

    @Test
    void aQueryKeepsItsFirstDistinctTermsUpToTheLimit() {
        String text = IntStream.range(0, Bm25Terms.MAX_QUERY_TERMS + 200)
                .mapToObj(i -> "w" + i)
                .collect(Collectors.joining(" "));
        Set<String> kept = terms.ofQuery(text);
        assertEquals(Bm25Terms.MAX_QUERY_TERMS, kept.size());
        assertTrue(kept.contains("w0") && kept.contains("w" + (Bm25Terms.MAX_QUERY_TERMS - 1)), "the first ones");
    }

    @Test
    void everyTermIsHandedOnWithItsRepeats() {
        List<String> all = new ArrayList<>();
        terms.forEach("deadlock, deadlock and a deadlock", all::add);
        assertEquals(List.of("deadlock", "deadlock", "deadlock"), all);
    }

    @Test
    void textIsIndexedIntoTheTermsQueriesAreAnalysedInto() throws IOException {
        String text = "Kafka consumers were lagging behind the brokers' retention";
        Set<String> indexed = new LinkedHashSet<>();
        try (Analyzer analyzer = Bm25Terms.newAnalyzer();
                TokenStream ts = analyzer.tokenStream("body", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                indexed.add(term.toString());
            }
            ts.end();
        }
        assertEquals(indexed, terms.ofQuery(text));
    }
}
