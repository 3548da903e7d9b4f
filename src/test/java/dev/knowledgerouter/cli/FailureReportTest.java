package dev.knowledgerouter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.app.InFlight;
import dev.knowledgerouter.app.InvalidRequestException;
import dev.knowledgerouter.config.ConfigException;
import dev.knowledgerouter.knowledge.StopSignal;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.lucene.store.AlreadyClosedException;
import org.junit.jupiter.api.Test;

/** How a failed command ends: its message on stderr, a line per line, and exit status 1. */
class FailureReportTest {
    record Reported(int exit, String err) {}

    private static Reported report(Exception e) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.report(e, new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Reported(exit, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aFailureTheUserCanActOnIsPrintedLineByLineAndExits1() {
        Reported r = report(new InvalidRequestException("'user' has 129 characters\nkeep it under 128"));

        assertEquals(1, r.exit());
        assertEquals(
                "kr: 'user' has 129 characters\nkr: keep it under 128\n",
                r.err().replace("\r\n", "\n"));
    }

    @Test
    void aCommandsOwnRefusalIsPrintedAsItIs() {
        Reported r = report(new CliException("--rounds must be positive"));

        assertEquals(1, r.exit());
        assertEquals("kr: --rounds must be positive", r.err().strip());
    }

    @Test
    void aMisconfigurationIsToldInFullToTheOperatorAtTheCommandLine() {
        Reported r = report(new ConfigException("kr.yaml: 'profiles' is not a mapping"));

        assertEquals(1, r.exit());
        assertEquals("kr: kr.yaml: 'profiles' is not a mapping", r.err().strip());
    }

    @Test
    void workRefusedBecauseKrIsStoppingIsToldAsSuchNotAsAnInternalError() {
        for (Exception e : new Exception[] {
            new InFlight.ShuttingDownException(), new StopSignal.StoppedException("seeding stopped")
        }) {
            Reported r = report(e);

            assertEquals(1, r.exit());
            assertEquals("kr: " + e.getMessage(), r.err().strip());
        }
    }

    @Test
    void aClosedStoreIsToldInTheUsersTerms() {
        Reported r = report(new AlreadyClosedException("this IndexWriter is closed"));

        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("kr: the store is closed"), r.err());
        assertFalse(r.err().contains("internal error"), r.err());
    }

    @Test
    void anInternalFailureNamesItsClassAndExits1() {
        Reported r = report(new IllegalStateException("index 3 out of bounds"));

        assertEquals(1, r.exit());
        assertTrue(
                r.err().startsWith("kr: internal error: java.lang.IllegalStateException: index 3 out of bounds"),
                r.err());
    }
}
