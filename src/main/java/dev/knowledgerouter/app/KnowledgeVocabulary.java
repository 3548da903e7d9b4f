package dev.knowledgerouter.app;

import dev.knowledgerouter.knowledge.CollectionDefinition;
import dev.knowledgerouter.knowledge.CollectionKind;
import dev.knowledgerouter.knowledge.KnowledgeStore;
import dev.knowledgerouter.verify.KnownTerms;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The grounding check's knowledge-base lookup: every command, flag, file name and identifier the
 * knowledge collections mention (embedded text, title and answer alike), held in memory as a set.
 * The stores' BM25 index would not do: it holds only the embedded fields, stemmed, while the commands
 * live mostly in the answers (an error entry's {@code solution}), and a search per term would cost a
 * query, or a network call to Qdrant, for each specific an answer names. A lookup here costs a hash
 * probe. The set is read on first use and again when the number of knowledge entries has changed,
 * looked at most once per {@link #RECHECK}, so seeding or {@code add_knowledge} reach it within that.
 */
final class KnowledgeVocabulary implements KnownTerms {
    /** How often the entry counts are compared: a count costs a network call on Qdrant. */
    static final Duration RECHECK = Duration.ofSeconds(30);
    /** Runs of the characters commands, flags, paths and identifiers are made of. */
    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}_@+./:=-]+");

    private final KnowledgeStore store;
    private final Clock clock;
    private volatile Set<String> terms;
    private volatile long entries = -1;
    private volatile Instant checkedAt = Instant.MIN;

    KnowledgeVocabulary(KnowledgeStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public boolean contains(String term) {
        Set<String> known = current();
        String t = term.toLowerCase(Locale.ROOT);
        if (known.contains(t)) {
            return true;
        }
        int slash = t.lastIndexOf('/');
        return slash >= 0 && known.contains(t.substring(slash + 1));
    }

    /** The distinct terms known now (read first if needed). */
    int size() {
        return current().size();
    }

    private Set<String> current() {
        Instant now = clock.instant();
        if (terms != null && now.isBefore(checkedAt.plus(RECHECK))) {
            return terms;
        }
        synchronized (this) {
            if (terms == null || !now.isBefore(checkedAt.plus(RECHECK))) {
                long count = knowledgeEntries();
                if (terms == null || count != entries) {
                    terms = read();
                    entries = count;
                }
                checkedAt = now;
            }
            return terms;
        }
    }

    private long knowledgeEntries() {
        return store.collections().stream()
                .filter(c -> c.kind() == CollectionKind.KNOWLEDGE)
                .mapToLong(c -> store.count(c.name()))
                .sum();
    }

    private Set<String> read() {
        Set<String> out = new HashSet<>();
        for (CollectionDefinition c : store.collections()) {
            if (c.kind() != CollectionKind.KNOWLEDGE) {
                continue;
            }
            store.scan(c.name(), Instant.EPOCH, clock.instant().plus(Duration.ofDays(36_500)), e -> {
                add(c.textOf(e.payload()), out);
                add(c.titleOf(e.payload()), out);
                add(c.answerOf(e.payload()), out);
            });
        }
        return Set.copyOf(out);
    }

    /**
     * Each token as written and with the punctuation that ends a sentence or splits an option from its
     * value taken off: {@code --flag=1} also yields {@code --flag}, {@code path/to/kr.yaml,} also
     * {@code path/to/kr.yaml} and {@code kr.yaml}.
     */
    static void add(String text, Set<String> out) {
        Matcher m = TOKEN.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            String token = m.group();
            out.add(token);
            String trimmed = token.replaceAll("[.:=]+$", "");
            out.add(trimmed);
            int eq = trimmed.indexOf('=');
            if (eq > 0) {
                out.add(trimmed.substring(0, eq));
            }
            int slash = trimmed.lastIndexOf('/');
            if (slash >= 0 && slash < trimmed.length() - 1) {
                out.add(trimmed.substring(slash + 1));
            }
        }
    }
}
