package dev.knowledgerouter.config;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The weekly report ({@code report:} in kr.yaml): when {@code kr serve} runs it, the targets it is
 * measured against, where it is announced, and the address its links point to.
 *
 * @param localShareTarget the share of queries the router aims to answer locally ({@code targets.local_share})
 * @param averageRelevanceTarget the average best relevance the knowledge base aims for
 *     ({@code targets.average_relevance}; 0.75 in the workflow this project replaces)
 * @param notifyTargets where a finished run is announced ({@code report.notify})
 * @param publicUrl where people reach this server, for the link in a notification; empty: the address it
 *     listens on
 */
public record ReportSettings(
        ReportSchedule schedule,
        double localShareTarget,
        double averageRelevanceTarget,
        List<NotifyTarget> notifyTargets,
        Optional<String> publicUrl) {
    public static final double DEFAULT_LOCAL_SHARE_TARGET = 0.70;
    public static final double DEFAULT_AVERAGE_RELEVANCE_TARGET = 0.75;

    public ReportSettings {
        notifyTargets = List.copyOf(notifyTargets);
        publicUrl = publicUrl == null ? Optional.empty() : publicUrl;
        if (!(localShareTarget > 0 && localShareTarget <= 1)) {
            throw new ConfigException(
                    "report.targets.local_share is a share between 0 and 1 (e.g. 0.7), got " + localShareTarget);
        }
        if (!(averageRelevanceTarget > -1 && averageRelevanceTarget <= 1)) {
            throw new ConfigException("report.targets.average_relevance is a cosine between -1 and 1 (e.g. 0.75), got "
                    + averageRelevanceTarget);
        }
    }

    /** Monday 06:00 in the machine's zone, the shipped targets, no notification. */
    public static ReportSettings defaults() {
        return defaults(ZoneId.systemDefault());
    }

    public static ReportSettings defaults(ZoneId zone) {
        return new ReportSettings(
                ReportSchedule.parse(ReportSchedule.DEFAULT, zone, "report.schedule"),
                DEFAULT_LOCAL_SHARE_TARGET,
                DEFAULT_AVERAGE_RELEVANCE_TARGET,
                List.of(),
                Optional.empty());
    }

    public ReportSettings withSchedule(ReportSchedule other) {
        return new ReportSettings(other, localShareTarget, averageRelevanceTarget, notifyTargets, publicUrl);
    }

    public ReportSettings withNotify(List<NotifyTarget> targets) {
        return new ReportSettings(schedule, localShareTarget, averageRelevanceTarget, targets, publicUrl);
    }

    public ReportSettings withTargets(double localShare, double averageRelevance) {
        return new ReportSettings(schedule, localShare, averageRelevance, notifyTargets, publicUrl);
    }
}
