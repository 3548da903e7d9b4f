package dev.knowledgerouter.report;

/**
 * Escapes text for HTML and SVG alike. Only the five XML entities are used (no {@code &nbsp;} and
 * friends) so an inline SVG stays well-formed XML on its own.
 */
final class Xml {
    private Xml() {}

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                // Control characters other than tab and line breaks are not allowed in XML at all.
                default -> out.append(c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? ' ' : c);
            }
        }
        return out.toString();
    }
}
