package dev.knowledgerouter.report.weekly;

import dev.knowledgerouter.config.RoutingProfile;
import dev.knowledgerouter.report.IsoWeek;
import dev.knowledgerouter.report.ReportArchive;
import dev.knowledgerouter.report.ReportBuilder;
import dev.knowledgerouter.report.RoutingReport;
import dev.knowledgerouter.report.WeeklyRun;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the weekly report: the week's lease, the report of the seven days before the scheduled
 * time, auto-tuning, the archive, then the notifications, whose results are archived with the week.
 * The work on the store runs as work in flight, so a shutdown waits for it or refuses it; a
 * notification that fails is recorded and the run goes on.
 */
public final class WeeklyRunner {
    static final int DAYS = 7;
    private static final Logger LOG = LoggerFactory.getLogger(WeeklyRunner.class);

    /** Runs work the way the server runs a request: refused once it is stopping, waited for while it drains. */
    @FunctionalInterface
    public interface Work {
        <T> T run(Supplier<T> work);
    }

    private final ReportBuilder builder;
    private final Supplier<RoutingProfile> profile;
    private final ReportArchive archive;
    private final ReportLease lease;
    private final AutoTuner tuner;
    private final Notifier notifier;
    private final String linkBase;
    private final ZoneId zone;
    private final Clock clock;
    private final Work work;

    /**
     * @param profile the profile the run tunes, as the router holds it now
     * @param linkBase where people reach this server; a notification links to {@code linkBase/v1/reports/WEEK}
     */
    public WeeklyRunner(
            ReportBuilder builder,
            Supplier<RoutingProfile> profile,
            ReportArchive archive,
            ReportLease lease,
            AutoTuner tuner,
            Notifier notifier,
            String linkBase,
            ZoneId zone,
            Clock clock,
            Work work) {
        this.builder = builder;
        this.profile = profile;
        this.archive = archive;
        this.lease = lease;
        this.tuner = tuner;
        this.notifier = notifier;
        this.linkBase = linkBase;
        this.zone = zone;
        this.clock = clock;
        this.work = work;
    }

    /** The ISO week of the report a run at {@code end} makes. */
    IsoWeek weekEndingAt(Instant end) {
        return IsoWeek.ofPeriod(end.minus(Duration.ofDays(DAYS)), end, zone);
    }

    boolean archived(Instant end) {
        return archive.has(weekEndingAt(end));
    }

    /**
     * Runs the week that ends at {@code end}, unless it is archived here already, another router has
     * it, or (for a catch-up) the week holds no interaction at all. Never throws: a failure is logged,
     * the lease given back, and the next start makes the run up.
     *
     * @return the archived run, when this call made one
     */
    public Optional<WeeklyRun> run(Instant end, String trigger) {
        IsoWeek week = weekEndingAt(end);
        if (archive.has(week)) {
            return Optional.empty();
        }
        Optional<ReportLease.Claim> claim;
        try {
            claim = lease.claim(week);
        } catch (RuntimeException e) {
            LOG.error("weekly report {}: cannot read or write its lease in the store: {}", week, e.getMessage());
            return Optional.empty();
        }
        if (claim.isEmpty()) {
            LOG.info("weekly report {}: done or under way on another router; not run here", week);
            return Optional.empty();
        }
        WeeklyRun run;
        try {
            run = work.run(() -> report(end, week, trigger, claim.get()));
        } catch (RuntimeException e) {
            LOG.error("weekly report {} failed; the next start tries again: {}", week, e.toString());
            releaseQuietly(claim.get());
            return Optional.empty();
        }
        if (run == null) {
            return Optional.empty();
        }
        if (notifier.hasTargets()) {
            List<WeeklyRun.Delivery> deliveries = notifier.send(run, linkBase + "/v1/reports/" + week);
            run = run.withNotifications(deliveries);
            try {
                archive.write(run);
            } catch (RuntimeException e) {
                LOG.error("weekly report {}: cannot record how its notifications went: {}", week, e.getMessage());
            }
        }
        return Optional.of(run);
    }

    /** The store part of a run: null for a catch-up of a week without interactions (nothing to report). */
    private WeeklyRun report(Instant end, IsoWeek week, String trigger, ReportLease.Claim claim) {
        RoutingReport report = builder.build(end, DAYS, profile.get());
        if (WeeklyRun.CATCH_UP.equals(trigger) && report.totals().interactions() == 0) {
            LOG.info("weekly report {}: missed, but the week holds no interaction; nothing to make up", week);
            lease.release(claim);
            return null;
        }
        WeeklyRun.AutoTuning tuning = tuner.consider(report.tuning(), week.toString());
        WeeklyRun run = new WeeklyRun(week.toString(), trigger, clock.instant(), report, tuning, List.of());
        archive.write(run);
        lease.complete(claim);
        LOG.info("weekly report {} archived in {}", week, archive.dir());
        return run;
    }

    private void releaseQuietly(ReportLease.Claim claim) {
        try {
            lease.release(claim);
        } catch (RuntimeException e) {
            LOG.warn(
                    "weekly report {}: cannot give its lease back ({}); it runs out by itself",
                    claim.week(),
                    e.getMessage());
        }
    }
}
