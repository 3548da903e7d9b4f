package dev.knowledgerouter.report.weekly;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.answer.claude.RetryPolicy;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.config.ReportSchedule;
import dev.knowledgerouter.knowledge.KnowledgeStore;
import dev.knowledgerouter.report.ReportArchive;
import dev.knowledgerouter.report.ReportBuilder;
import dev.knowledgerouter.report.ThresholdChanges;
import dev.knowledgerouter.report.TuningLog;
import dev.knowledgerouter.report.WeeklyRun;
import dev.knowledgerouter.route.Router;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The weekly report as {@code kr serve} runs it by itself: on {@code report.schedule}, read on the
 * injected clock and run by the injected {@link TaskTimer}. At start a run missed while the server
 * was down (the latest scheduled time has no archived week) is made up once; then each scheduled time
 * arms the next. {@link WeeklyRunner} does each run.
 */
public final class WeeklyReports implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WeeklyReports.class);

    private final ReportSchedule schedule;
    private final WeeklyRunner runner;
    private final TaskTimer timer;
    private final Clock clock;

    public WeeklyReports(ReportSchedule schedule, WeeklyRunner runner, TaskTimer timer, Clock clock) {
        this.schedule = schedule;
        this.runner = runner;
        this.timer = timer;
        this.clock = clock;
    }

    /** Makes up a missed run (at once, on the timer) and arms the next scheduled one; nothing when off. */
    public void start() {
        Instant now = clock.instant();
        Optional<Instant> missed = schedule.latest(now);
        if (missed.isPresent() && !runner.archived(missed.get())) {
            Instant end = missed.get();
            timer.at(now, () -> runner.run(end, WeeklyRun.CATCH_UP));
        }
        schedule.next(now).ifPresentOrElse(this::arm, () -> LOG.info("weekly report: report.schedule is off"));
    }

    /** The next scheduled run, when the schedule is on: what {@code kr serve} tells the operator at start. */
    public Optional<Instant> next() {
        return schedule.next(clock.instant());
    }

    private void arm(Instant at) {
        timer.at(at, () -> {
            try {
                runner.run(at, WeeklyRun.SCHEDULE);
            } finally {
                schedule.next(at).ifPresent(this::arm);
            }
        });
    }

    /** Stops the timer: nothing more is run; a run under way finishes its store work as a request does. */
    @Override
    public void close() {
        timer.close();
    }

    /** Wiring for a router's parts; {@link #build()} checks that nothing is missing. */
    public static Builder builder() {
        return new Builder();
    }

    /** The parts of a weekly run; the App fills in its own, {@code kr serve} where kr.yaml is and the link. */
    public static final class Builder {
        private KrConfig config;
        private KnowledgeStore store;
        private ReportBuilder reports;
        private Router router;
        private ReportArchive archive;
        private TuningLog tuningLog;
        private Clock clock;
        private ObjectMapper json;
        private WeeklyRunner.Work work;
        private Path configFile;
        private String linkBase;
        private TaskTimer timer;
        private RetryPolicy.Sleeper sleeper = RetryPolicy.Sleeper.SYSTEM;
        private HttpClient http;
        private Notifier.Backoff backoff = Notifier.BACKOFF;
        private String owner = UUID.randomUUID().toString();
        private Duration settle = ReportLease.SETTLE;

        private Builder() {}

        public Builder config(KrConfig value) {
            config = value;
            return this;
        }

        public Builder store(KnowledgeStore value) {
            store = value;
            return this;
        }

        public Builder reports(ReportBuilder value) {
            reports = value;
            return this;
        }

        /** The router whose default profile is tuned, and which takes auto-applied rules at once. */
        public Builder router(Router value) {
            router = value;
            return this;
        }

        public Builder archive(ReportArchive value) {
            archive = value;
            return this;
        }

        public Builder tuningLog(TuningLog value) {
            tuningLog = value;
            return this;
        }

        public Builder clock(Clock value) {
            clock = value;
            return this;
        }

        /** The API's JSON dialect, for the webhook body. */
        public Builder json(ObjectMapper value) {
            json = value;
            return this;
        }

        public Builder work(WeeklyRunner.Work value) {
            work = value;
            return this;
        }

        /** The kr.yaml auto-apply writes (the one the server read). */
        public Builder configFile(Path value) {
            configFile = value;
            return this;
        }

        /** Where people reach the server, unless {@code report.public_url} says otherwise. */
        public Builder linkBase(String value) {
            linkBase = value;
            return this;
        }

        public Builder timer(TaskTimer value) {
            timer = value;
            return this;
        }

        /** Waits between notification attempts and while a lease settles; tests record them instead. */
        public Builder sleeper(RetryPolicy.Sleeper value) {
            sleeper = value;
            return this;
        }

        public Builder http(HttpClient value) {
            http = value;
            return this;
        }

        public Builder backoff(Notifier.Backoff value) {
            backoff = value;
            return this;
        }

        /** This router's name in the store's lease (a random one by default). */
        public Builder owner(String value) {
            owner = value;
            return this;
        }

        public WeeklyReports build() {
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(configFile, "configFile");
            Objects.requireNonNull(timer, "timer");
            Clock c = Objects.requireNonNull(clock, "clock");
            var routing = config.routing();
            AutoTuner tuner = new AutoTuner(
                    routing.autoApply(),
                    new ThresholdChanges(configFile, Objects.requireNonNull(tuningLog, "tuningLog"), c),
                    Objects.requireNonNull(router, "router")::replace,
                    routing.learning().targetSuccessRate(),
                    routing.learning().minTuningSample());
            Notifier notifier = new Notifier(
                    config.report().notifyTargets(),
                    http != null
                            ? http
                            : HttpClient.newBuilder()
                                    .connectTimeout(Duration.ofSeconds(10))
                                    .followRedirects(HttpClient.Redirect.NEVER)
                                    .build(),
                    backoff,
                    sleeper,
                    Objects.requireNonNull(json, "json"));
            ReportLease lease =
                    new ReportLease(Objects.requireNonNull(store, "store"), owner, c, sleeper, settle, ReportLease.TTL);
            WeeklyRunner runner = new WeeklyRunner(
                    Objects.requireNonNull(reports, "reports"),
                    () -> router.profile(Optional.empty()),
                    Objects.requireNonNull(archive, "archive"),
                    lease,
                    tuner,
                    notifier,
                    config.report().publicUrl().orElseGet(() -> Objects.requireNonNull(linkBase, "linkBase")),
                    config.report().schedule().zone(),
                    c,
                    Objects.requireNonNull(work, "work"));
            return new WeeklyReports(config.report().schedule(), runner, timer, c);
        }
    }
}
