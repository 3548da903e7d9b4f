package dev.knowledgerouter.app;

import dev.knowledgerouter.files.OwnerOnly;
import dev.knowledgerouter.knowledge.StoreException;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code $KR_HOME} at start: created owner-only, and whatever an older version, a copy or a restore left
 * readable to group or others is narrowed, with one warning that says how much. What kr writes later is
 * owner-only from the start ({@link OwnerOnly}).
 */
final class PrivateHome {
    private static final Logger LOG = LoggerFactory.getLogger(PrivateHome.class);

    private PrivateHome() {}

    /** Returns how many paths were narrowed. */
    static int secure(Path home) {
        Path real = home.toAbsolutePath().normalize();
        try {
            OwnerOnly.createDirectories(real);
            Path userHome =
                    Path.of(System.getProperty("user.home")).toAbsolutePath().normalize();
            if (real.getParent() == null || real.equals(userHome)) {
                // Narrowing a whole user folder would change far more than kr's own files.
                LOG.warn(
                        "KR_HOME is {}, which kr shares with other files; its permissions are left alone."
                                + " Give kr a folder of its own (KR_HOME) so its store can be kept private",
                        real);
                return 0;
            }
            OwnerOnly.Tightened done = OwnerOnly.tighten(real);
            if (done.paths() > 0) {
                LOG.warn(
                        "{} paths under {} were readable by other users; made them private to the owner"
                                + " (folders 0700, files 0600)",
                        done.paths(),
                        real);
            }
            if (done.failed() > 0) {
                LOG.warn(
                        "{} paths under {} could not be made private (another owner?); check them with ls -lR",
                        done.failed(),
                        real);
            }
            return done.paths();
        } catch (IOException e) {
            throw new StoreException(
                    "cannot prepare KR_HOME " + real + ": " + e.getMessage()
                            + "; check that the folder is yours and writable",
                    e);
        }
    }
}
