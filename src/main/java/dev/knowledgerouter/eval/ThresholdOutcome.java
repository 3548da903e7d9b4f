package dev.knowledgerouter.eval;

/**
 * What a profile's escalation threshold does on a test split: the share of answers whose verifier
 * score reaches it (and so escalate) and the PGR the cascade reaches by escalating exactly those.
 */
public record ThresholdOutcome(String profile, double threshold, double escalated, double pgr) {}
