package dev.knowledgerouter.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.files.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The weekly reports kr serve has run, under {@code $KR_HOME/reports/}: per ISO week a JSON file
 * (the {@link WeeklyRun}, in the API's JSON dialect) and a self-contained HTML page, each replaced
 * whole through {@link AtomicFile} and private to its owner, since reports quote stored questions.
 */
public final class ReportArchive {
    private static final Logger LOG = LoggerFactory.getLogger(ReportArchive.class);
    private static final Pattern FILE = Pattern.compile("\\d{4}-W\\d{2}\\.json");

    private final Path dir;
    private final ObjectMapper json;

    /** @param json the mapper of the HTTP API, so that an archived week reads exactly as {@code /v1/report} */
    public ReportArchive(Path dir, ObjectMapper json) {
        this.dir = dir;
        this.json = json;
    }

    /** What the archive lists for a week, read from its JSON file. */
    public record Entry(
            String week,
            String trigger,
            Instant ranAt,
            Instant from,
            Instant to,
            int interactions,
            Double localShare,
            boolean thresholdsApplied,
            int notificationsFailed) {}

    public Path dir() {
        return dir;
    }

    /** Writes the week's JSON and then its HTML page; each replaces an earlier file of that week whole. */
    public void write(WeeklyRun run) {
        IsoWeek week = IsoWeek.parse(run.week());
        try {
            AtomicFile.write(
                    jsonFile(week), out -> json.writerWithDefaultPrettyPrinter().writeValue(out, run));
            byte[] html = WeeklyRunHtml.render(run).getBytes(StandardCharsets.UTF_8);
            AtomicFile.write(htmlFile(week), out -> out.write(html));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot archive the report of " + week + " in " + dir + ": " + e.getMessage()
                            + "; check that the folder is writable",
                    e);
        }
    }

    public boolean has(IsoWeek week) {
        return Files.isRegularFile(jsonFile(week));
    }

    /** The archived weeks, newest first; a file that cannot be read is left out with a warning. */
    public List<Entry> list() {
        List<Entry> entries = new ArrayList<>();
        for (IsoWeek week : weeks()) {
            read(week).ifPresent(node -> entries.add(entry(week, node)));
        }
        return entries.reversed();
    }

    /** The week's archived JSON as written. */
    public String json(IsoWeek week) {
        return text(jsonFile(week), week);
    }

    /** The week's archived HTML page as written. */
    public String html(IsoWeek week) {
        return text(htmlFile(week), week);
    }

    /** The figures of up to {@code max} archived weeks before {@code week}, oldest first. */
    public List<TrendPoint> pointsBefore(IsoWeek week, int max) {
        List<IsoWeek> earlier =
                weeks().stream().filter(w -> w.compareTo(week) < 0).toList();
        List<TrendPoint> points = new ArrayList<>();
        for (IsoWeek w : earlier.subList(Math.max(0, earlier.size() - max), earlier.size())) {
            read(w).ifPresent(node -> points.add(TrendPoint.fromArchived(w.toString(), node.path("report"))));
        }
        return points;
    }

    /** Archived weeks, oldest first. */
    private List<IsoWeek> weeks() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> FILE.matcher(name).matches())
                    .map(name -> weekOf(name.substring(0, name.length() - ".json".length())))
                    .flatMap(Optional::stream)
                    .sorted(Comparator.naturalOrder())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the report archive " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Optional<IsoWeek> weekOf(String name) {
        try {
            return Optional.of(IsoWeek.parse(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Optional<JsonNode> read(IsoWeek week) {
        Path file = jsonFile(week);
        try {
            return Optional.of(json.readTree(file.toFile()));
        } catch (IOException e) {
            LOG.warn("skipped the archived report {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    private Entry entry(IsoWeek week, JsonNode node) {
        JsonNode report = node.path("report");
        int interactions = report.path("totals").path("interactions").asInt(0);
        int failed = 0;
        for (JsonNode delivery : node.path("notifications")) {
            failed += delivery.path("delivered").asBoolean(false) ? 0 : 1;
        }
        return new Entry(
                week.toString(),
                node.path("trigger").asText(null),
                instant(node.path("ran_at")),
                instant(report.path("from")),
                instant(report.path("to")),
                interactions,
                interactions > 0 && report.path("totals").path("local_share").isNumber()
                        ? report.path("totals").path("local_share").asDouble()
                        : null,
                node.path("auto_tuning").path("applied").asBoolean(false),
                failed);
    }

    private static Instant instant(JsonNode node) {
        try {
            return node.isTextual() ? Instant.parse(node.asText()) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String text(Path file, IsoWeek week) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UnknownReportException(week);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private Path jsonFile(IsoWeek week) {
        return dir.resolve(week + ".json");
    }

    private Path htmlFile(IsoWeek week) {
        return dir.resolve(week + ".html");
    }
}
