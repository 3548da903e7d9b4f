package dev.knowledgerouter.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.knowledgerouter.app.WireJson;
import dev.knowledgerouter.config.LocalRule;
import dev.knowledgerouter.testing.FileModes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TuningLogTest {
    static final Instant T0 = Instant.parse("2026-11-30T06:00:00Z");

    @TempDir
    Path dir;

    static TuningChange apply(Instant at) {
        return new TuningChange(
                at,
                TuningChange.APPLY,
                "schedule",
                "2026-W48",
                "default",
                List.of(new LocalRule(0.80, 6)),
                List.of(new LocalRule(0.77, 6)),
                150,
                new TuningChange.Prediction(0.6, 0.95, 0.7, 0.92, 400),
                "/etc/kr/kr.yaml",
                "/etc/kr/kr.yaml.bak-20261130-060000",
                null);
    }

    @Test
    void changesAreAppendedAsOwnerOnlyJsonLinesAndReadBackWhole() throws Exception {
        TuningLog log = new TuningLog(dir.resolve("reports"), WireJson.mapper());
        log.append(apply(T0));
        log.append(apply(T0.plusSeconds(7 * 86_400)));
        assertEquals(List.of(apply(T0), apply(T0.plusSeconds(7 * 86_400))), log.read());
        assertEquals(2, Files.readAllLines(log.file()).size(), "one line per change");
        assertEquals(List.of(), FileModes.notOwnerOnly(dir.resolve("reports")));
    }

    @Test
    void aLineTornByACrashIsSkippedAndTheNextChangeStartsOnAFreshLine() throws Exception {
        TuningLog log = new TuningLog(dir, WireJson.mapper());
        log.append(apply(T0));
        Files.writeString(log.file(), "{\"at\":\"2026-12-0", StandardOpenOption.APPEND);
        log.append(apply(T0.plusSeconds(60)));
        assertEquals(List.of(apply(T0), apply(T0.plusSeconds(60))), log.read());
    }

    @Test
    void theStandingChangeIsTheLatestApplyNoRevertUndid() {
        TuningLog log = new TuningLog(dir, WireJson.mapper());
        TuningChange first = apply(T0);
        TuningChange second = apply(T0.plusSeconds(60));
        log.append(first);
        log.append(second);
        log.append(new TuningChange(
                T0.plusSeconds(120),
                TuningChange.REVERT,
                "kr report --revert",
                null,
                "default",
                second.after(),
                second.before(),
                null,
                null,
                "/etc/kr/kr.yaml",
                null,
                second.at()));
        assertEquals(Optional.of(first), log.latestStanding());
    }
}
