package dev.knowledgerouter.eval;

import java.util.LinkedHashMap;
import java.util.Map;

/** A {@code Server-Timing} header read back: each metric's {@code dur} (milliseconds) as nanoseconds, by name. */
final class ServerTimingHeader {
    private ServerTimingHeader() {}

    static Map<String, Long> parse(String header) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String metric : header.split(",")) {
            String[] parts = metric.strip().split(";");
            for (int i = 1; i < parts.length; i++) {
                String param = parts[i].strip();
                if (param.startsWith("dur=")) {
                    try {
                        out.put(parts[0].strip(), Math.round(Double.parseDouble(param.substring(4)) * 1e6));
                    } catch (NumberFormatException e) {
                        // A metric this reader cannot use is left out, as browsers do.
                    }
                }
            }
        }
        return out;
    }
}
