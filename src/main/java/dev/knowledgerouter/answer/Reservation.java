package dev.knowledgerouter.answer;

/** The outcome of asking the {@link CostGuard} for a paid call: a slot held for it, or why not. */
public sealed interface Reservation {
    record Granted(Hold hold) implements Reservation {}

    record Refused(String reason) implements Reservation {}
}
