package dev.knowledgerouter.http;

/** The body of every error response: a stable machine-readable code and a message for people. */
public record ApiError(String error, String message) {}
