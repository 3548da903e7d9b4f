package dev.knowledgerouter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report:} and {@code routing.auto_apply} in kr.yaml, read with the environment. */
class ReportSectionTest {
    static final String HOOK = "https://hooks.slack.example/services/T000/B000/secret-part";

    @TempDir
    Path dir;

    KrConfig load(String yaml, Map<String, String> env) throws IOException {
        Files.writeString(dir.resolve("kr.yaml"), yaml);
        return new ConfigLoader(dir, env).load();
    }

    @Test
    void withoutASectionTheReportRunsMondayAt0600AgainstTheShippedTargetsAndAutoApplyIsOff() throws IOException {
        KrConfig c = load("", Map.of());
        assertEquals(
                new ReportSchedule.Weekly(DayOfWeek.MONDAY, LocalTime.of(6, 0), ZoneId.systemDefault()),
                c.report().schedule());
        assertEquals(0.70, c.report().localShareTarget());
        assertEquals(0.75, c.report().averageRelevanceTarget());
        assertTrue(c.report().notifyTargets().isEmpty());
        assertFalse(c.routing().autoApply());
    }

    @Test
    void theScheduleTargetsZoneAndAutoApplyComeFromTheFile() throws IOException {
        KrConfig c = load("""
                routing:
                  auto_apply: true
                report:
                  schedule: "30 7 * * 5"
                  zone: Europe/Berlin
                  targets: {local_share: 0.8, average_relevance: 0.7}
                  public_url: https://kr.example.com/
                """, Map.of());
        assertEquals(
                new ReportSchedule.Weekly(DayOfWeek.FRIDAY, LocalTime.of(7, 30), ZoneId.of("Europe/Berlin")),
                c.report().schedule());
        assertEquals(0.8, c.report().localShareTarget());
        assertEquals(0.7, c.report().averageRelevanceTarget());
        assertEquals(Optional.of("https://kr.example.com"), c.report().publicUrl());
        assertTrue(c.routing().autoApply());
    }

    @Test
    void aBareOffWhichYamlReadsAsFalseTurnsTheScheduleOff() throws IOException {
        assertTrue(load("report:\n  schedule: off\n", Map.of()).report().schedule() instanceof ReportSchedule.Off);
    }

    @Test
    void notificationUrlsComeFromTheVariablesTheFileNames() throws IOException {
        KrConfig c = load("""
                report:
                  notify:
                    - {type: slack, url_env: KR_SLACK_WEBHOOK_URL}
                    - {type: webhook, url_env: KR_REPORT_WEBHOOK_URL}
                """, Map.of("KR_SLACK_WEBHOOK_URL", HOOK));
        NotifyTarget slack = c.report().notifyTargets().get(0);
        NotifyTarget webhook = c.report().notifyTargets().get(1);
        assertEquals(NotifyTarget.Kind.SLACK, slack.kind());
        assertEquals(HOOK, slack.url().orElseThrow().reveal());
        assertEquals(Optional.empty(), webhook.url(), "an unset variable leaves the target without a URL");
        assertFalse(c.toString().contains("secret-part"), "the URL never prints");
    }

    @Test
    void aUrlWrittenInTheFileIsRefusedWithoutEchoingIt() {
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> load("report:\n  notify:\n    - {type: slack, url: \"" + HOOK + "\"}\n", Map.of()));
        assertTrue(e.getMessage().contains("report.notify[0].url is not read from files"), e.getMessage());
        assertFalse(e.getMessage().contains("secret-part"), e.getMessage());
    }

    @Test
    void aVariableThatHoldsNoUrlIsNamedAndItsValueIsNotEchoed() {
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> load(
                        "report:\n  notify:\n    - {type: webhook, url_env: KR_HOOK}\n",
                        Map.of("KR_HOOK", "secret-part-without-scheme")));
        assertTrue(e.getMessage().startsWith("KR_HOOK does not hold an http(s) URL"), e.getMessage());
        assertFalse(e.getMessage().contains("secret-part"), e.getMessage());
    }

    @Test
    void anUnknownTargetTypeAndAnOutOfRangeTargetAreNamed() {
        assertTrue(assertThrows(
                        ConfigException.class,
                        () -> load("report:\n  notify:\n    - {type: email, url_env: X}\n", Map.of()))
                .getMessage()
                .contains("report.notify[0].type must be webhook or slack, got 'email'"));
        assertTrue(assertThrows(ConfigException.class, () -> load("report:\n  targets: {local_share: 70}\n", Map.of()))
                .getMessage()
                .contains("report.targets.local_share is a share between 0 and 1"));
    }
}
