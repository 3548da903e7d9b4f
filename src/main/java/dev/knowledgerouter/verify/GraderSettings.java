package dev.knowledgerouter.verify;

import java.time.Duration;

/**
 * The switch for the optional grading pass, as configuration will hold it:
 * <pre>
 * verify:
 *   grader:
 *     enabled: false          # off by default: a second local call per answer
 *     model: qwen2.5-coder:7b # the local model that grades; empty means the model that answered
 *     timeout: 20s
 * </pre>
 */
public record GraderSettings(boolean enabled, String model, Duration timeout) {
    public static final GraderSettings OFF = new GraderSettings(false, "", Duration.ofSeconds(20));
}
