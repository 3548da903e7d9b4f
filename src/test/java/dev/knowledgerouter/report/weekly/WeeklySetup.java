package dev.knowledgerouter.report.weekly;

import dev.knowledgerouter.app.App;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.config.LearningSettings;
import dev.knowledgerouter.config.NotifyTarget;
import dev.knowledgerouter.config.ReportSettings;
import dev.knowledgerouter.config.RoutingSettings;
import dev.knowledgerouter.testing.ManualTimer;
import dev.knowledgerouter.testing.TestStack;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The weekly report of a real App on a moved clock: its config, and a scheduler on a {@link ManualTimer}. */
final class WeeklySetup {
    /** Monday 2026-11-30 06:00 UTC: the scheduled run that reports the week 2026-W48 (Nov 23 to 30). */
    static final Instant MONDAY = Instant.parse("2026-11-30T06:00:00Z");

    static final Duration WEEK = Duration.ofDays(7);
    static final String LINK_BASE = "http://kr.example.test";

    private WeeklySetup() {}

    /** Monday 06:00 UTC, tuning from {@code minSample} known outcomes, auto-apply as given, these targets notified. */
    static KrConfig config(Path home, boolean autoApply, int minSample, List<NotifyTarget> notify) {
        KrConfig base = TestStack.config(home);
        RoutingSettings r = base.routing();
        return base.toBuilder()
                .routing(new RoutingSettings(
                        r.defaultProfile(),
                        r.profiles(),
                        r.contextK(),
                        r.contextMinScore(),
                        r.retrievalMode(),
                        new LearningSettings(10, 0.85, 3, 0.3, 0.8, 0.9, minSample),
                        autoApply))
                .report(ReportSettings.defaults(ZoneOffset.UTC).withNotify(notify))
                .build();
    }

    static KrConfig config(Path home) {
        return config(home, false, 100, List.of());
    }

    /** The waits a scheduler asked for (lease settling, backoff), recorded instead of slept. */
    static final class Sleeps {
        final List<Duration> waits = new ArrayList<>();

        void sleep(Duration d) {
            waits.add(d);
        }
    }

    static WeeklyReports scheduler(App app, Path configFile, ManualTimer timer, Sleeps sleeps) {
        return app.weeklyReports()
                .configFile(configFile)
                .linkBase(LINK_BASE)
                .timer(timer)
                .sleeper(sleeps::sleep)
                .build();
    }
}
