package dev.knowledgerouter.code.impact;

/**
 * One {@code @@ -oldStart,oldCount +newStart,newCount @@} block of a zero-context diff. A count of 0 means the
 * block only adds (old side) or only removes (new side) lines; its start is then the line after which that
 * happened, as git writes it.
 */
public record Hunk(int oldStart, int oldCount, int newStart, int newCount) {
    public Hunk {
        if (oldStart < 0 || oldCount < 0 || newStart < 0 || newCount < 0) {
            throw new IllegalArgumentException(
                    "bad hunk -" + oldStart + "," + oldCount + " +" + newStart + "," + newCount);
        }
    }

    /** Where this hunk falls on one side of the diff. */
    public Span on(Side side) {
        return side == Side.OLD ? new Span(oldStart, oldCount) : new Span(newStart, newCount);
    }

    /** Which version of a file the line numbers refer to: the base's or the working tree's. */
    public enum Side {
        OLD,
        NEW
    }

    /**
     * Lines {@code start .. start+count-1} on one side; with {@code count} 0, the gap after line {@code start}.
     */
    public record Span(int start, int count) {
        /** Whether a declaration spanning {@code [from, to]} holds a changed line, or holds the gap on both sides. */
        public boolean touches(int from, int to) {
            if (count == 0) {
                return from <= start && start < to;
            }
            int end = start + count - 1;
            return from <= end && start <= to;
        }
    }
}
