package dev.knowledgerouter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.eval.GeneratedRouteLlm;
import dev.knowledgerouter.testing.TestStack;
import dev.knowledgerouter.verify.VerifierWeights;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kr eval routing --policy and kr eval fit-verifier on a generated CSV, in-process with captured streams. */
class EvalRoutingCliTest {
    @TempDir
    Path home;

    record Run(int exit, String out, String err) {
        JsonNode json() {
            try {
                return new ObjectMapper().readTree(out);
            } catch (Exception e) {
                throw new AssertionError("stdout is not JSON alone: " + out, e);
            }
        }
    }

    private Run kr(String... args) {
        KrConfig config = TestStack.config(home.resolve("h"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        KrContext ctx = new KrContext(
                () -> config,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit = Main.run(ctx, args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private String data() {
        return GeneratedRouteLlm.write(home.resolve("gen.csv"), 60, 3).toString();
    }

    @Test
    void theCascadePolicyPrintsEverySeedAndTheMeanAsJsonAlone() {
        Run r = kr("eval", "routing", "--policy", "cascade", "--seed", "1-3", "--json", "--data", data());
        assertEquals(0, r.exit(), r.err());
        JsonNode j = r.json();
        assertEquals(3, j.path("seeds").size());
        assertEquals(1, j.path("seeds").get(0).path("seed").asInt());
        assertTrue(
                j.path("mean").path("cascade").has("apgr")
                        && j.path("mean").path("cascade").has("cpt50")
                        && j.path("mean").path("cascade").has("cpt80"),
                j.toString());
        assertTrue(j.path("mean").path("random").has("apgr"));
        assertTrue(j.path("seeds").get(0).path("thresholds").size() >= 3);
    }

    @Test
    void theTableNamesEveryRouterAndSeed() {
        Run r = kr("eval", "routing", "--policy", "cascade", "--seed", "4,7", "--data", data());
        assertEquals(0, r.exit(), r.err());
        assertTrue(
                r.out().contains("cascade")
                        && r.out().contains("random")
                        && r.out().contains("mean"),
                r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.strip().startsWith("7 ")), r.out());
    }

    @Test
    void anUnknownPolicyOrABackwardSeedRangeIsRefusedWithTheFix() {
        Run policy = kr("eval", "routing", "--policy", "after", "--data", data());
        assertNotEquals(0, policy.exit());
        assertTrue(policy.err().contains("--policy must be pre, cascade or both"), policy.err());
        Run seeds = kr("eval", "routing", "--cascade", "--seed", "9-2", "--data", data());
        assertNotEquals(0, seeds.exit());
        assertTrue(seeds.err().contains("--seed range '9-2'"), seeds.err());
    }

    @Test
    void fitVerifierWritesWeightsWithTheirSampleSize() throws Exception {
        Path out = home.resolve("weights.json");
        Run r = kr("eval", "fit-verifier", "--data", data(), "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.exists(out));
        assertEquals(180, VerifierWeights.read(out).sampleSize());
        assertTrue(r.err().contains("180 answers"), r.err());
    }
}
