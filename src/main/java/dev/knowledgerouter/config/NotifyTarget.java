package dev.knowledgerouter.config;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a finished weekly report is announced ({@code report.notify}). The URL is read from the
 * environment variable that kr.yaml names, never from kr.yaml itself: an incoming-webhook URL is a
 * credential (whoever has it can post), so it is kept as a {@link Secret} and messages name the
 * variable, never the URL.
 *
 * @param variable the environment variable that holds the URL, e.g. {@code KR_SLACK_WEBHOOK_URL}
 * @param url its value, empty when the variable is not set (the delivery is then recorded as failed)
 */
public record NotifyTarget(Kind kind, String variable, Optional<Secret> url) {
    /** What the receiver expects. */
    public enum Kind {
        /** A JSON document with the headline numbers, for any HTTP endpoint. */
        WEBHOOK,
        /** A Slack-compatible incoming webhook: {@code {"text": ...}} with the numbers and a link. */
        SLACK;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public NotifyTarget {
        url = url == null ? Optional.empty() : url;
    }

    /** How messages name this target: its kind and its variable, never the URL. */
    public String describe() {
        return kind.label() + " (" + variable + ")";
    }
}
