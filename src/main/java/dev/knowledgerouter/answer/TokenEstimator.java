package dev.knowledgerouter.answer;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * A conservative count of the tokens a text costs a chat model. The models kr talks to each have their
 * own tokenizer, and none of them ships with kr; cl100k_base (OpenAI's byte-pair encoding, through
 * jtokkit) is a real tokenizer whose vocabulary Llama 3 and Qwen 2.5 extend, so it counts their tokens
 * closely. Models with smaller vocabularies need more: Llama 2's tokenizer reads 3.17 characters per
 * token of English where Llama 3's reads 3.94 (Meta's figures), about a quarter more tokens, so every
 * count is cl100k_base's times {@link #MARGIN}, rounded up. On the shipped seed data that is one token
 * per 3.1 characters (cl100k_base alone: 3.88). Text in scripts a model's vocabulary barely covers can
 * still cost more; the margin is for the languages and code kr is asked about.
 */
public final class TokenEstimator {
    static final double MARGIN = 1.25;
    /** What a chat template adds around each message (role markers, separators), and around the answer. */
    static final int PER_MESSAGE = 8;

    /** cl100k_base's table is read from jtokkit's jar on first use (about a second) and then shared. */
    private static final class Table {
        static final Encoding CL100K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
    }

    /** The estimated tokens of {@code text}; special-token markers in it count as the plain text they are. */
    public int count(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        return (int) Math.ceil(exact(text) * MARGIN);
    }

    /** The estimated tokens of one chat message holding {@code text}, template included. */
    public int message(String text) {
        return count(text) + PER_MESSAGE;
    }

    /** cl100k_base's own count, without the margin. */
    static int exact(String text) {
        return Table.CL100K.countTokensOrdinary(text);
    }
}
