package dev.knowledgerouter.report;

import dev.knowledgerouter.learn.LocalResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.util.VectorUtil;

/**
 * Groups the queries the local model was tried on by embedding (leader clustering: a query joins
 * the first cluster whose first query it resembles at the given cosine, else starts one) and keeps
 * the clusters with the most local failures. Leader clustering needs no cluster count up front and
 * is one pass over the period, which is what a weekly report over a few thousand queries wants.
 * Stored vectors are unit length, so their dot product is the cosine.
 */
final class FailureClusters {
    private static final int EXAMPLES = 3;
    private static final int EXAMPLE_CHARS = 140;

    private FailureClusters() {}

    static List<RoutingReport.FailureCluster> of(List<ReportBuilder.Row> rows, double similarity, int max) {
        List<List<ReportBuilder.Row>> clusters = new ArrayList<>();
        for (ReportBuilder.Row r : rows) {
            if (r.local() == LocalResult.UNTRIED || r.vector() == null) {
                continue;
            }
            List<ReportBuilder.Row> home = null;
            for (List<ReportBuilder.Row> c : clusters) {
                if (VectorUtil.dotProduct(c.getFirst().vector(), r.vector()) >= similarity) {
                    home = c;
                    break;
                }
            }
            if (home == null) {
                home = new ArrayList<>();
                clusters.add(home);
            }
            home.add(r);
        }
        return clusters.stream()
                .map(FailureClusters::summary)
                .filter(c -> c.localFailures() >= 2)
                .sorted(Comparator.comparingInt(RoutingReport.FailureCluster::localFailures)
                        .reversed()
                        .thenComparing(Comparator.comparingDouble(RoutingReport.FailureCluster::failureRate)
                                .reversed()))
                .limit(max)
                .toList();
    }

    private static RoutingReport.FailureCluster summary(List<ReportBuilder.Row> members) {
        List<ReportBuilder.Row> failed =
                members.stream().filter(r -> r.local() == LocalResult.FAILED).toList();
        List<String> examples =
                failed.stream().limit(EXAMPLES).map(r -> brief(r.query())).toList();
        return new RoutingReport.FailureCluster(
                members.size(),
                failed.size(),
                Math.round(failed.size() * 10_000.0 / members.size()) / 10_000.0,
                examples);
    }

    private static String brief(String query) {
        String one = query.replaceAll("\\s+", " ").strip();
        return one.length() > EXAMPLE_CHARS ? one.substring(0, EXAMPLE_CHARS) + "..." : one;
    }
}
