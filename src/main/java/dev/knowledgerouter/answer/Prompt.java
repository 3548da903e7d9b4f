package dev.knowledgerouter.answer;

/** What a chat model is sent: instructions and the user's turn (question plus context). */
public record Prompt(String system, String user) {}
