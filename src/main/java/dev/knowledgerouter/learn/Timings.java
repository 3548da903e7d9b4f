package dev.knowledgerouter.learn;

/** Where the time of one query went, in milliseconds. */
public record Timings(long embedMs, long searchMs, long routeMs, long answerMs, long totalMs) {}
