package dev.knowledgerouter.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The words BM25 matches, the same in every store: Lucene's English analysis (lower case, stop words
 * removed, Porter stems). The Lucene store indexes with {@link #newAnalyzer()} and both stores analyse
 * queries here, so a query finds the same entries in either store.
 */
public final class Bm25Terms {
    /**
     * A query keeps its first this many distinct terms: Lucene's BooleanQuery allows 1024 clauses by
     * default, and the Qdrant store keeps the same terms so both match alike.
     */
    public static final int MAX_QUERY_TERMS = 1000;

    /** The analysis does not depend on the field; Lucene's API asks for one. */
    private static final String FIELD = "text";

    private final Analyzer analyzer = newAnalyzer();

    /** The analyzer text is indexed with; an analyzer is safe to share between threads. */
    public static Analyzer newAnalyzer() {
        return new EnglishAnalyzer();
    }

    /** Each term of {@code text} in order, repeats included. */
    public void forEach(String text, Consumer<String> term) {
        try (TokenStream ts = analyzer.tokenStream(FIELD, text)) {
            CharTermAttribute attribute = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                term.accept(attribute.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing text from memory cannot fail", e);
        }
    }

    /** The distinct terms of a query, in order of first appearance, at most {@link #MAX_QUERY_TERMS}. */
    public Set<String> ofQuery(String text) {
        Set<String> terms = new LinkedHashSet<>();
        forEach(text, t -> {
            if (terms.size() < MAX_QUERY_TERMS) {
                terms.add(t);
            }
        });
        return terms;
    }
}
