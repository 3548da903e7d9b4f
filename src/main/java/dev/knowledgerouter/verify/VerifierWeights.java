package dev.knowledgerouter.verify;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.knowledgerouter.files.AtomicFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The verifier's weights as a file: where they were fitted and on how many answers, when, with
 * which penalty, and per feature its standardisation and weight. {@code source} says where a
 * weight came from: {@code fitted}, {@code prior} (set by hand because the feature never varied in
 * the fitting sample, see {@link VerifierPriors}), {@code unused} (it never varied and has no
 * prior, so it counts for nothing) or {@code refitted} (corrected by a re-fit on the router's own
 * outcomes).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerifierWeights(
        String description,
        String fittedOn,
        int sampleSize,
        double badShare,
        LocalDate fitDate,
        double penalty,
        double intercept,
        List<Term> features) {
    public static final String FITTED = "fitted";
    public static final String PRIOR = "prior";
    public static final String UNUSED = "unused";
    /** A weight corrected by a re-fit on the router's own outcomes ({@link Verifier#refit}). */
    public static final String REFITTED = "refitted";
    /** The shipped defaults, beside this class on the classpath. */
    static final String RESOURCE = "verifier-weights.json";

    /**
     * One feature's share of the score: {@code weight * (clamp(value) - mean) / scale}, where a
     * fitted feature is clamped to the {@code min}-{@code max} range of the fitting sample (a prior
     * has no range and is not clamped).
     */
    public record Term(String name, double mean, double scale, Double min, Double max, double weight, String source) {
        double clamp(double value) {
            double v = min == null ? value : Math.max(min, value);
            return max == null ? v : Math.min(max, v);
        }
    }

    public VerifierWeights {
        features = List.copyOf(features);
    }

    private static ObjectMapper mapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    }

    public static VerifierWeights shipped() {
        try (InputStream in = VerifierWeights.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        RESOURCE + " is missing from the classpath; rebuild with `./mvnw package`");
            }
            return mapper().readValue(in, VerifierWeights.class).withMissingPriors();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shipped verifier weights: " + e.getMessage(), e);
        }
    }

    public static VerifierWeights read(Path file) {
        try {
            return mapper().readValue(file.toFile(), VerifierWeights.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read verifier weights from " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * These weights with a prior term for every feature that has a prior but no term: a feature the
     * fitting never computed (the optional grader's, when the weights were fitted without it) would
     * otherwise count for nothing, however loudly it fails.
     */
    VerifierWeights withMissingPriors() {
        Set<String> present = features.stream().map(Term::name).collect(Collectors.toSet());
        List<Term> all = new ArrayList<>(features);
        new TreeMap<>(VerifierPriors.defaults()).forEach((name, weight) -> {
            if (!present.contains(name)) {
                all.add(new Term(name, 0, 1, null, null, weight, PRIOR));
            }
        });
        return all.size() == features.size()
                ? this
                : new VerifierWeights(description, fittedOn, sampleSize, badShare, fitDate, penalty, intercept, all);
    }

    public String toJson() {
        try {
            return mapper().writeValueAsString(this) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the weights file as an editor saves it (it usually lives in the source tree, not under KR_HOME). */
    public void write(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            byte[] json = toJson().getBytes(StandardCharsets.UTF_8);
            AtomicFile.writeUserFile(file, out -> out.write(json));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
