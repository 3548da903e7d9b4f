package dev.knowledgerouter.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.knowledgerouter.knowledge.HybridFusion.Scored;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HybridFusionTest {
    static final List<Scored<String>> DENSE =
            List.of(new Scored<>("a", 0.9), new Scored<>("b", 0.8), new Scored<>("c", 0.5));
    static final List<Scored<String>> BM25 =
            List.of(new Scored<>("c", 12.0), new Scored<>("d", 9.0), new Scored<>("a", 3.0));

    @Test
    void reciprocalRankFusionSumsOneOverConstantPlusRank() {
        List<Scored<String>> fused = new HybridFusion(HybridFusion.Kind.RRF, 60).fuse(DENSE, BM25);
        // a: 1/61 + 1/63; c: 1/63 + 1/61; b: 1/62; d: 1/62.
        assertEquals(1.0 / 61 + 1.0 / 63, fused.getFirst().score(), 1e-12);
        assertEquals(Set.of("a", "c"), Set.of(fused.get(0).key(), fused.get(1).key()));
        assertEquals(1.0 / 62, fused.get(2).score(), 1e-12);
    }

    @Test
    void convexFusionWeighsMinMaxNormalisedScores() {
        List<Scored<String>> fused = new HybridFusion(HybridFusion.Kind.CONVEX, 0.7).fuse(DENSE, BM25);
        // Dense normalised: a 1, b 0.75, c 0. BM25 normalised: c 1, d 6/9, a 0.
        // a 0.7, b 0.525, c 0.3, d 0.2.
        assertEquals(
                List.of("a", "b", "c", "d"), fused.stream().map(Scored::key).toList());
        assertEquals(0.525, fused.get(1).score(), 1e-12);
        assertEquals(0.3 * 6 / 9, fused.get(3).score(), 1e-12);
    }

    @Test
    void aWeightOutsideZeroToOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new HybridFusion(HybridFusion.Kind.CONVEX, 1.5));
    }
}
