package dev.knowledgerouter.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads {@code report:}: the schedule of the weekly report, its targets, and where it is announced. */
final class ReportSection {
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final ConfigEnvironment env;

    ReportSection(ConfigEnvironment env) {
        this.env = env;
    }

    ReportSettings report(YamlNode node) {
        node.allowOnly("schedule", "zone", "targets", "notify", "public_url");
        ZoneId zone = zone(node);
        ReportSchedule schedule =
                ReportSchedule.parse(scheduleText(node).orElse(ReportSchedule.DEFAULT), zone, node.path("schedule"));
        YamlNode targets = node.child("targets");
        targets.allowOnly("local_share", "average_relevance");
        double localShare = targets.number("local_share", ReportSettings.DEFAULT_LOCAL_SHARE_TARGET);
        double relevance = targets.number("average_relevance", ReportSettings.DEFAULT_AVERAGE_RELEVANCE_TARGET);
        if (!(localShare > 0 && localShare <= 1)) {
            throw new ConfigException(
                    targets.path("local_share") + " is a share between 0 and 1 (e.g. 0.7), got " + localShare);
        }
        if (!(relevance > -1 && relevance <= 1)) {
            throw new ConfigException(
                    targets.path("average_relevance") + " is a cosine between -1 and 1 (e.g. 0.75), got " + relevance);
        }
        Optional<String> publicUrl = node.text("public_url").map(u -> publicUrl(node.path("public_url"), u));
        return new ReportSettings(schedule, localShare, relevance, notify(node), publicUrl);
    }

    /** YAML reads a bare {@code off} as false, so a boolean is accepted for "off" (and only false). */
    private static Optional<String> scheduleText(YamlNode node) {
        JsonNode value = node.json().get("schedule");
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (value.isBoolean()) {
            if (value.asBoolean()) {
                throw new ConfigException(node.path("schedule")
                        + " must be a day and a time such as 'monday 06:00', a weekly cron line, or off; got true");
            }
            return Optional.of("off");
        }
        return node.text("schedule");
    }

    private static ZoneId zone(YamlNode node) {
        Optional<String> text = node.text("zone");
        if (text.isEmpty()) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(text.get().strip());
        } catch (DateTimeException e) {
            throw new ConfigException(node.path("zone") + " '" + text.get()
                    + "' is not a time zone; use a region such as Europe/Berlin or UTC");
        }
    }

    private List<NotifyTarget> notify(YamlNode node) {
        if (!node.has("notify")) {
            return List.of();
        }
        JsonNode list = node.json().get("notify");
        if (!list.isArray()) {
            throw new ConfigException(node.path("notify")
                    + " must be a list of targets such as [{type: slack, url_env: KR_SLACK_WEBHOOK_URL}]");
        }
        List<NotifyTarget> targets = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            YamlNode target = new YamlNode(list.get(i), node.path() + ".notify[" + i + "]", node.file());
            if (!list.get(i).isObject()) {
                throw new ConfigException(
                        target.path("") + " must be a mapping such as {type: webhook, url_env: KR_WEBHOOK_URL}");
            }
            targets.add(target(target));
        }
        return targets;
    }

    private NotifyTarget target(YamlNode node) {
        if (node.has("url")) {
            throw ConfigValues.secretInFile(
                    node.path("url"), "webhook URLs (whoever has one can post)", "a variable named by url_env");
        }
        node.allowOnly("type", "url_env");
        String type = node.text("type")
                .orElseThrow(() -> new ConfigException(node.path("type") + " is required: webhook or slack"));
        NotifyTarget.Kind kind;
        try {
            kind = NotifyTarget.Kind.valueOf(type.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(node.path("type") + " must be webhook or slack, got '" + type + "'");
        }
        String variable = node.text("url_env")
                .map(String::strip)
                .orElseThrow(() -> new ConfigException(node.path("url_env")
                        + " is required: the environment variable that holds the URL, e.g. KR_SLACK_WEBHOOK_URL"));
        if (!VARIABLE.matcher(variable).matches()) {
            throw new ConfigException(
                    node.path("url_env") + " must name an environment variable, got '" + variable + "'");
        }
        Optional<Secret> url = env.get(variable).map(value -> {
            checkWebhookUrl(variable, value);
            return Secret.of(value);
        });
        return new NotifyTarget(kind, variable, url);
    }

    /** The URL itself never appears in the message: it is the credential. */
    private static void checkWebhookUrl(String variable, String value) {
        try {
            URI uri = URI.create(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() != null && (scheme.equals("https") || scheme.equals("http"))) {
                return;
            }
        } catch (IllegalArgumentException e) {
            // Refused below without echoing the value.
        }
        throw new ConfigException(
                variable + " does not hold an http(s) URL; set it to the webhook URL the receiving service gave you");
    }

    private static String publicUrl(String key, String raw) {
        String url = raw.strip();
        try {
            URI uri = URI.create(url);
            if (uri.getHost() != null && (url.startsWith("http://") || url.startsWith("https://"))) {
                return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
            }
        } catch (IllegalArgumentException e) {
            // Refused below.
        }
        throw new ConfigException(key + " '" + raw + "' is not an http(s) URL; use e.g. https://kr.example.com");
    }
}
