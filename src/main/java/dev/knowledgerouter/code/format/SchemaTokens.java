package dev.knowledgerouter.code.format;

import java.util.ArrayList;
import java.util.List;

/**
 * The tokenizer under the Terraform, Protobuf and GraphQL readers, which have no grammar artifact: words
 * (identifiers, numbers, dotted names), quoted strings (with escapes; GraphQL's {@code """} blocks; HCL heredocs),
 * single punctuation characters, and, where the language ends statements with them, newlines. Comments are
 * dropped: {@code #} lines, {@code //} lines and {@code /* *}{@code /} blocks, as the language has them.
 *
 * @param hashComments whether {@code #} starts a comment (HCL, GraphQL)
 * @param slashComments whether {@code //} and {@code /* *}{@code /} are comments (HCL, Protobuf)
 * @param newlines whether a newline is a token (HCL: it ends an attribute)
 * @param wordPunctuation characters besides letters, digits and {@code _} that belong to a word
 */
record SchemaTokens(boolean hashComments, boolean slashComments, boolean newlines, String wordPunctuation) {
    static final SchemaTokens HCL = new SchemaTokens(true, true, true, ".-");
    static final SchemaTokens PROTOBUF = new SchemaTokens(false, true, false, ".");
    static final SchemaTokens GRAPHQL = new SchemaTokens(true, false, false, "");

    enum Kind {
        WORD,
        STRING,
        PUNCTUATION,
        NEWLINE
    }

    /** One token: its kind, its text (a string without its quotes) and its 1-based line. */
    record Token(Kind kind, String text, int line) {
        boolean is(String punctuation) {
            return kind == Kind.PUNCTUATION && text.equals(punctuation);
        }

        boolean isWord(String word) {
            return kind == Kind.WORD && text.equals(word);
        }
    }

    List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        int line = 1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\n') {
                if (newlines) {
                    tokens.add(new Token(Kind.NEWLINE, "\n", line));
                }
                line++;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if ((hashComments && c == '#') || (slashComments && text.startsWith("//", i))) {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (slashComments && text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                line += count(text, i, end);
                i = end;
            } else if (text.startsWith("\"\"\"", i)) {
                int end = text.indexOf("\"\"\"", i + 3);
                end = end < 0 ? n : end;
                tokens.add(new Token(Kind.STRING, text.substring(i + 3, end), line));
                line += count(text, i, end);
                i = Math.min(n, end + 3);
            } else if (c == '"' || c == '\'') {
                int start = i + 1;
                int j = start;
                while (j < n && text.charAt(j) != c && text.charAt(j) != '\n') {
                    j += text.charAt(j) == '\\' ? 2 : 1;
                }
                tokens.add(new Token(Kind.STRING, text.substring(start, Math.min(j, n)), line));
                i = Math.min(n, j + 1);
            } else if (newlines && text.startsWith("<<", i) && i + 2 < n && heredocStart(text, i + 2)) {
                int nameStart = text.charAt(i + 2) == '-' ? i + 3 : i + 2;
                int nameEnd = nameStart;
                while (nameEnd < n && isWordChar(text.charAt(nameEnd))) {
                    nameEnd++;
                }
                String marker = text.substring(nameStart, nameEnd);
                int bodyStart = text.indexOf('\n', nameEnd);
                int end = bodyStart < 0 ? n : findHeredocEnd(text, bodyStart + 1, marker);
                tokens.add(new Token(Kind.STRING, bodyStart < 0 ? "" : text.substring(bodyStart + 1, end), line));
                line += count(text, i, end);
                i = end;
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (isWordChar(c)) {
                int start = i;
                while (i < n && (isWordChar(text.charAt(i)) || wordPunctuation.indexOf(text.charAt(i)) >= 0)) {
                    i++;
                }
                tokens.add(new Token(Kind.WORD, text.substring(start, i), line));
            } else {
                tokens.add(new Token(Kind.PUNCTUATION, String.valueOf(c), line));
                i++;
            }
        }
        return tokens;
    }

    private static boolean heredocStart(String text, int at) {
        int i = text.charAt(at) == '-' ? at + 1 : at;
        return i < text.length() && Character.isLetter(text.charAt(i));
    }

    /** Where a heredoc's closing line (its marker alone, indented or not) begins, or the end of the text. */
    private static int findHeredocEnd(String text, int from, String marker) {
        int lineStart = from;
        while (lineStart < text.length()) {
            int lineEnd = text.indexOf('\n', lineStart);
            lineEnd = lineEnd < 0 ? text.length() : lineEnd;
            if (text.substring(lineStart, lineEnd).strip().equals(marker)) {
                return lineStart;
            }
            lineStart = lineEnd + 1;
        }
        return text.length();
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static int count(String text, int from, int to) {
        int lines = 0;
        for (int i = from; i < Math.min(to, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                lines++;
            }
        }
        return lines;
    }
}
