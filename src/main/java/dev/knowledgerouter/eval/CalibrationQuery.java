package dev.knowledgerouter.eval;

import java.util.Optional;

/** A labelled query: the stored entry ({@code collection/id}) that answers it, or none. */
public record CalibrationQuery(String query, Optional<String> expect, String kind) {}
