package dev.knowledgerouter.code.impact;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the output of {@code git diff -U0 --src-prefix=a/ --dst-prefix=b/} into a {@link ChangeSet}. Inside a
 * hunk, lines are counted off against the hunk header rather than recognised by their look, because a removed
 * line that reads {@code -- x} shows as {@code --- x}, which would otherwise pass for a file header.
 */
public final class DiffParser {
    private static final Pattern HUNK = Pattern.compile("^@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@.*");
    private static final String DEV_NULL = "/dev/null";

    private DiffParser() {}

    public static ChangeSet parse(String diff) {
        List<FileChange> files = new ArrayList<>();
        Builder current = null;
        int oldLeft = 0;
        int newLeft = 0;
        for (String line : diff.split("\n", -1)) {
            if (oldLeft > 0 || newLeft > 0) {
                if (line.startsWith("-")) {
                    oldLeft--;
                } else if (line.startsWith("+")) {
                    newLeft--;
                } else if (line.startsWith(" ")) {
                    oldLeft--;
                    newLeft--;
                }
                continue;
            }
            if (line.startsWith("diff --git ")) {
                if (current != null) {
                    files.add(current.build());
                }
                current = new Builder();
                current.header(line.substring("diff --git ".length()));
            } else if (current == null) {
                continue;
            } else if (line.startsWith("@@ ")) {
                Matcher m = HUNK.matcher(line);
                if (!m.matches()) {
                    throw new IllegalArgumentException("unreadable hunk header in the diff: " + line);
                }
                Hunk hunk = new Hunk(number(m.group(1)), count(m.group(2)), number(m.group(3)), count(m.group(4)));
                current.hunks.add(hunk);
                oldLeft = hunk.oldCount();
                newLeft = hunk.newCount();
            } else if (line.startsWith("new file mode")) {
                current.added = true;
            } else if (line.startsWith("deleted file mode")) {
                current.deleted = true;
            } else if (line.startsWith("rename from ")) {
                current.oldPath = unquote(line.substring("rename from ".length()));
                current.renamed = true;
            } else if (line.startsWith("rename to ")) {
                current.newPath = unquote(line.substring("rename to ".length()));
                current.renamed = true;
            } else if (line.startsWith("--- ")) {
                current.oldPath = side(line.substring(4), "a/", current.oldPath);
            } else if (line.startsWith("+++ ")) {
                current.newPath = side(line.substring(4), "b/", current.newPath);
            } else if (line.startsWith("Binary files ")) {
                current.binary = true;
            }
        }
        if (current != null) {
            files.add(current.build());
        }
        return new ChangeSet(files);
    }

    private static int number(String digits) {
        return Integer.parseInt(digits);
    }

    private static int count(String digits) {
        return digits == null ? 1 : Integer.parseInt(digits);
    }

    /** A {@code ---}/{@code +++} name: {@code /dev/null} keeps what the header said (the side is then absent). */
    private static String side(String raw, String prefix, String fallback) {
        // git ends the name with a tab when it holds a space, so that the name's end is unambiguous.
        String name = unquote(raw.endsWith("\t") ? raw.substring(0, raw.length() - 1) : raw);
        if (name.equals(DEV_NULL)) {
            return fallback;
        }
        return name.startsWith(prefix) ? name.substring(prefix.length()) : name;
    }

    /** A name as git writes it: bare, or in C-style quotes with backslash escapes and octal bytes. */
    static String unquote(String name) {
        if (name.length() < 2 || !name.startsWith("\"") || !name.endsWith("\"")) {
            return name;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String inner = name.substring(1, name.length() - 1);
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c != '\\' || i + 1 == inner.length()) {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            char next = inner.charAt(++i);
            switch (next) {
                case 'n' -> bytes.write('\n');
                case 't' -> bytes.write('\t');
                case 'r' -> bytes.write('\r');
                case 'a' -> bytes.write(7);
                case 'b' -> bytes.write('\b');
                case 'f' -> bytes.write('\f');
                case 'v' -> bytes.write(11);
                default -> {
                    if (next >= '0' && next <= '7' && i + 2 < inner.length()) {
                        bytes.write(Integer.parseInt(inner.substring(i, i + 3), 8));
                        i += 2;
                    } else {
                        bytes.write(next);
                    }
                }
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The file being read: the header's names hold until {@code ---}/{@code +++} or rename lines say more. */
    private static final class Builder {
        private String oldPath;
        private String newPath;
        private boolean added;
        private boolean deleted;
        private boolean renamed;
        private boolean binary;
        private final List<Hunk> hunks = new ArrayList<>();

        /** {@code a/P b/P}, quoted or not; for a rename the names come later, so an unequal pair is left. */
        void header(String names) {
            String path = null;
            if (names.startsWith("\"")) {
                int end = closingQuote(names);
                if (end > 0) {
                    path = stripPrefix(unquote(names.substring(0, end + 1)), "a/");
                }
            } else if (names.length() > 5 && (names.length() - 5) % 2 == 0) {
                String candidate = names.substring(2, 2 + (names.length() - 5) / 2);
                if (names.equals("a/" + candidate + " b/" + candidate)) {
                    path = candidate;
                }
            }
            oldPath = path;
            newPath = path;
        }

        private static int closingQuote(String s) {
            for (int i = 1; i < s.length(); i++) {
                if (s.charAt(i) == '\\') {
                    i++;
                } else if (s.charAt(i) == '"') {
                    return i;
                }
            }
            return -1;
        }

        private static String stripPrefix(String name, String prefix) {
            return name.startsWith(prefix) ? name.substring(prefix.length()) : name;
        }

        FileChange build() {
            FileChange.Status status = added
                    ? FileChange.Status.ADDED
                    : deleted
                            ? FileChange.Status.DELETED
                            : renamed ? FileChange.Status.RENAMED : FileChange.Status.MODIFIED;
            return new FileChange(
                    status == FileChange.Status.ADDED ? null : oldPath,
                    status == FileChange.Status.DELETED ? null : newPath,
                    status,
                    hunks,
                    binary);
        }
    }
}
