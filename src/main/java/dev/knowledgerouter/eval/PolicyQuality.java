package dev.knowledgerouter.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** One router's APGR, CPT(50%) and CPT(80%) on one split (or their means), rounded to 4 places. */
public record PolicyQuality(
        double apgr,
        @JsonProperty("cpt50") double cpt50,
        @JsonProperty("cpt80") double cpt80) {
    static PolicyQuality of(RouterQuality q) {
        return new PolicyQuality(round(q.apgr()), round(q.cpt50()), round(q.cpt80()));
    }

    /** The mean of each figure, or null when there is nothing to average. */
    static PolicyQuality mean(List<PolicyQuality> all) {
        if (all.isEmpty()) {
            return null;
        }
        return new PolicyQuality(
                round(all.stream().mapToDouble(PolicyQuality::apgr).average().orElseThrow()),
                round(all.stream().mapToDouble(PolicyQuality::cpt50).average().orElseThrow()),
                round(all.stream().mapToDouble(PolicyQuality::cpt80).average().orElseThrow()));
    }

    static double round(double d) {
        return Math.round(d * 10_000) / 10_000.0;
    }
}
