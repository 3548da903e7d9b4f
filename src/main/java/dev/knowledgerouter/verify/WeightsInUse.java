package dev.knowledgerouter.verify;

import dev.knowledgerouter.files.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The verifier the router scores answers with: the weights re-fitted from its own outcomes when a
 * re-fit has been stored under {@code $KR_HOME} ({@link #FILE}), else the shipped ones. A re-fit is
 * written through {@link AtomicFile} and takes effect at once; a process that starts later reads it.
 * A stored file that cannot be read is reported once and the shipped weights are used, so a damaged
 * file never stops the router from answering.
 */
public final class WeightsInUse {
    /** Where the re-fitted weights live, under {@code $KR_HOME}. */
    public static final String FILE = "verifier/weights.json";

    private static final Logger LOG = LoggerFactory.getLogger(WeightsInUse.class);

    private final Path file;
    private final AtomicReference<Verifier> current;

    private WeightsInUse(Path file, Verifier initial) {
        this.file = file;
        this.current = new AtomicReference<>(initial);
    }

    /** The stored re-fit under {@code home} when there is a readable one, else the shipped weights. */
    public static WeightsInUse at(Path home) {
        Path file = home.resolve(FILE);
        return new WeightsInUse(file, read(file));
    }

    private static Verifier read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Verifier.shipped();
        }
        try {
            return Verifier.of(VerifierWeights.read(file).withMissingPriors());
        } catch (IllegalArgumentException e) {
            LOG.warn("{}; using the shipped verifier weights until the next re-fit replaces the file", e.getMessage());
            return Verifier.shipped();
        }
    }

    public Verifier current() {
        return current.get();
    }

    /** Whether the weights in use were re-fitted from the router's outcomes rather than shipped. */
    public boolean refitted() {
        return VerifierRefit.FITTED_ON.equals(current.get().weights().fittedOn());
    }

    public Path file() {
        return file;
    }

    /** Stores re-fitted weights (on disk before they are used) and scores with them from now on. */
    public void adopt(Verifier refitted) {
        byte[] json = refitted.weights().toJson().getBytes(StandardCharsets.UTF_8);
        try {
            AtomicFile.write(file, out -> out.write(json));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot store the re-fitted verifier weights in " + file + ": " + e.getMessage()
                            + "; check that $KR_HOME is writable",
                    e);
        }
        current.set(refitted);
    }
}
