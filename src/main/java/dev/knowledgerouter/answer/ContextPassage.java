package dev.knowledgerouter.answer;

/** A retrieved entry as handed to a model and shown to the user: where it came from, its score, its text. */
public record ContextPassage(String collection, String id, double score, String title, String answer) {
    public String text() {
        return title.equals(answer) ? answer : title + "\n\n" + answer;
    }

    public String reference() {
        return collection + "/" + id;
    }
}
