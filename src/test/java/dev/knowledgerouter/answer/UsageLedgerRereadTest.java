package dev.knowledgerouter.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.knowledgerouter.answer.fileledger.FileUsageLedger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file ledger parses each month's file once and then only what was appended: every read still sees the
 * file as it is now, whoever wrote to it, and a file replaced under its name is read again from its start.
 */
class UsageLedgerRereadTest {
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    @TempDir
    Path dir;

    private static List<Double> costs(UsageLedger ledger) {
        return ledger.read(T0.minusSeconds(60), T0.plusSeconds(3600)).stream()
                .map(UsageRecord::costUsd)
                .toList();
    }

    @Test
    void recordsAppendedAfterAReadAreSeenByTheNextRead() {
        UsageLedger ledger = new FileUsageLedger(dir);
        ledger.append(UsageLedgerTest.call(T0, 0.01));
        assertEquals(List.of(0.01), costs(ledger));

        ledger.append(UsageLedgerTest.call(T0.plusSeconds(1), 0.02));

        assertEquals(List.of(0.01, 0.02), costs(ledger));
    }

    @Test
    void aLineAnotherLedgerAppendedToTheSameFileIsSeen() {
        UsageLedger ledger = new FileUsageLedger(dir);
        ledger.append(UsageLedgerTest.call(T0, 0.01));
        assertEquals(List.of(0.01), costs(ledger));

        new FileUsageLedger(dir).append(UsageLedgerTest.call(T0.plusSeconds(1), 0.02));

        assertEquals(List.of(0.01, 0.02), costs(ledger));
    }

    @Test
    void aLineStillBeingWrittenIsReadOnceItIsWhole() throws Exception {
        UsageLedger ledger = new FileUsageLedger(dir);
        ledger.append(UsageLedgerTest.call(T0, 0.01));
        Path file = dir.resolve("usage-2026-11.jsonl");
        String line =
                Files.readAllLines(file, StandardCharsets.UTF_8).getFirst().replace("0.01", "0.02");
        Files.writeString(file, line.substring(0, 20), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        assertEquals(List.of(0.01), costs(ledger));

        Files.writeString(file, line.substring(20) + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        assertEquals(List.of(0.01, 0.02), costs(ledger));
    }

    @Test
    void aFileReplacedUnderItsNameIsReadFromItsStart() throws Exception {
        UsageLedger ledger = new FileUsageLedger(dir);
        ledger.append(UsageLedgerTest.call(T0, 0.01));
        ledger.append(UsageLedgerTest.call(T0.plusSeconds(1), 0.02));
        assertEquals(List.of(0.01, 0.02), costs(ledger));

        Files.delete(dir.resolve("usage-2026-11.jsonl"));
        new FileUsageLedger(dir).append(UsageLedgerTest.call(T0.plusSeconds(2), 0.04));

        assertEquals(List.of(0.04), costs(ledger));
    }
}
