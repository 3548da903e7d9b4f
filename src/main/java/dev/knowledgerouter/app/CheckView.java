package dev.knowledgerouter.app;

import dev.knowledgerouter.learn.CheckSummary;
import java.util.List;

/**
 * What the answer checks made of the local answer, as the route shows it on every interface: P(answer
 * is bad), the threshold it was held to, whether that made it doubtful (it escalated, or came back
 * {@code unverified}), the failed checks in words, and what checking cost ({@code checkMs}). The
 * features stay in the stored interaction.
 */
public record CheckView(double score, double threshold, boolean doubtful, List<String> reasons, Double checkMs) {
    public static CheckView of(CheckSummary s) {
        return new CheckView(
                s.score(),
                QueryResponse.round(s.threshold()),
                s.doubtful(),
                s.reasons(),
                Double.isNaN(s.checkMs()) ? null : s.checkMs());
    }
}
