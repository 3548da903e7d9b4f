package dev.knowledgerouter.app;

import dev.knowledgerouter.answer.Conversation;
import dev.knowledgerouter.knowledge.TextHash;
import java.util.Optional;

/**
 * The id every turn of one chat shares, so the report and feedback can group them: a hash of the
 * conversation's opening (who asks, the client's instructions and the first user message). Chat clients
 * send the whole history with every turn, so each later turn carries the same opening in its earlier turns,
 * and the first turn, which has none yet, is its own opening. Two identical openings by the same user are
 * one conversation; the text itself is never part of the id.
 */
final class ConversationId {
    private ConversationId() {}

    static String of(Conversation earlier, String message, Optional<String> user) {
        String opening = earlier.firstUserTurn().orElse(message).strip();
        return TextHash.of(user.orElse("") + '\u0000' + earlier.instructions().orElse("") + '\u0000' + opening);
    }
}
