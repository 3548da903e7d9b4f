package dev.knowledgerouter.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Prompts in RouteLLM's CSV layout: a header, then {@code prompt, weak correct, strong correct, ...}.
 * Correctness is {@code True}/{@code False} or a quality score in [0, 1]. The headers of columns 2
 * and 3 name the models; a column headed {@code <model>_response} holds that model's answer, and
 * other columns are ignored. Fields follow RFC 4180 (quoted fields may hold commas, quotes and
 * newlines). Paths may be files or folders of {@code .csv} files.
 */
public final class RouteLlmData {
    /**
     * One prompt, each model's quality on it (1 or 0 for correct or not, or a graded score), and each
     * model's answer when the file has a response column for it (else null).
     */
    public record Row(String prompt, double weakScore, double strongScore, String weakResponse, String strongResponse) {
        public Row(String prompt, boolean weakCorrect, boolean strongCorrect) {
            this(prompt, weakCorrect ? 1 : 0, strongCorrect ? 1 : 0, null, null);
        }

        /** Whether the weak model's answer counts as right: a score of at least one half. */
        public boolean weakCorrect() {
            return weakScore >= 0.5;
        }

        public boolean strongCorrect() {
            return strongScore >= 0.5;
        }
    }

    private RouteLlmData() {}

    public static List<Row> read(List<Path> paths) {
        List<Row> rows = new ArrayList<>();
        for (Path p : paths) {
            List<Path> files;
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    files = s.filter(f -> f.toString().endsWith(".csv"))
                            .sorted()
                            .toList();
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot list " + p + ": " + e.getMessage());
                }
            } else if (Files.isRegularFile(p)) {
                files = List.of(p);
            } else {
                throw new IllegalArgumentException(p + " does not exist; pass RouteLLM CSV files or folders of them");
            }
            for (Path f : files) {
                rows.addAll(readFile(f));
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no prompts found in " + paths);
        }
        return rows;
    }

    static List<Row> readFile(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
        List<List<String>> records = parse(text);
        List<Row> rows = new ArrayList<>();
        List<String> header = records.isEmpty() ? List.of() : records.getFirst();
        int weakResponse = header.size() < 3 ? -1 : header.indexOf(header.get(1).strip() + "_response");
        int strongResponse =
                header.size() < 3 ? -1 : header.indexOf(header.get(2).strip() + "_response");
        for (int i = 1; i < records.size(); i++) {
            List<String> r = records.get(i);
            if (r.size() == 1 && r.getFirst().isBlank()) {
                continue;
            }
            if (r.size() < 3) {
                throw new IllegalArgumentException(file + ": record " + (i + 1) + " has " + r.size()
                        + " fields; expected prompt, weak correct, strong correct");
            }
            rows.add(new Row(
                    r.get(0),
                    score(file, i, r.get(1)),
                    score(file, i, r.get(2)),
                    field(r, weakResponse),
                    field(r, strongResponse)));
        }
        return rows;
    }

    private static String field(List<String> record, int column) {
        return column >= 0 && column < record.size() ? record.get(column) : null;
    }

    private static double score(Path file, int record, String v) {
        String s = v.strip();
        switch (s) {
            case "True", "true" -> {
                return 1;
            }
            case "False", "false" -> {
                return 0;
            }
            default -> {
                try {
                    double d = Double.parseDouble(s);
                    if (d >= 0 && d <= 1) {
                        return d;
                    }
                } catch (NumberFormatException e) {
                    // reported below with the record that holds it
                }
                throw new IllegalArgumentException(file + ": record " + (record + 1) + ": '" + v
                        + "' is not True, False or a score between 0 and 1");
            }
        }
    }

    /** RFC 4180 records: quoted fields may contain separators, doubled quotes and line breaks. */
    static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !record.isEmpty()) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }
}
