package dev.knowledgerouter.verify;

/** Word counts, as the length checks and features measure text. */
final class Words {
    private Words() {}

    static int count(String text) {
        int n = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean space = Character.isWhitespace(text.charAt(i));
            if (!space && !inWord) {
                n++;
            }
            inWord = !space;
        }
        return n;
    }
}
