package dev.knowledgerouter.verify;

/**
 * Whether the knowledge base knows a term (a command, flag, file name or identifier), for the
 * grounding check. The answer chain plugs in a lookup against its store; without one, only the
 * question and the retrieved context ground an answer.
 */
@FunctionalInterface
public interface KnownTerms {
    KnownTerms NONE = term -> false;

    boolean contains(String term);
}
