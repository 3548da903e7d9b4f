package dev.knowledgerouter.code.syntax;

import com.fasterxml.jackson.annotation.JsonFormat;

/** First and last line of a node, 1-based and inclusive; written as {@code [start, end]} as the graph schema wants. */
@JsonFormat(shape = JsonFormat.Shape.ARRAY)
public record LineRange(int start, int end) {
    public LineRange {
        if (start < 1 || end < start) {
            throw new IllegalArgumentException("bad line range [" + start + ", " + end + "]");
        }
    }

    public int lines() {
        return end - start + 1;
    }
}
