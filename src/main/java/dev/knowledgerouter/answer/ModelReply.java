package dev.knowledgerouter.answer;

/** A model's answer with the token counts its API reported (null when absent). */
public record ModelReply(String text, Integer inputTokens, Integer outputTokens) {}
