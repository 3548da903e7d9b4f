package dev.knowledgerouter.learn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Prompts in RouteLLM's CSV layout: a header, then {@code prompt, weak correct, strong correct, ...}
 * with {@code True}/{@code False}; further columns are ignored. Fields follow RFC 4180 (quoted
 * fields may hold commas, quotes and newlines). Paths may be files or folders of {@code .csv} files.
 */
public final class RouteLlmData {
    /** One prompt and whether each model answered it correctly. */
    public record Row(String prompt, boolean weakCorrect, boolean strongCorrect) {
    }

    private RouteLlmData() {
    }

    public static List<Row> read(List<Path> paths) {
        List<Row> rows = new ArrayList<>();
        for (Path p : paths) {
            List<Path> files;
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    files = s.filter(f -> f.toString().endsWith(".csv")).sorted().toList();
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
        for (int i = 1; i < records.size(); i++) {
            List<String> r = records.get(i);
            if (r.size() == 1 && r.getFirst().isBlank()) {
                continue;
            }
            if (r.size() < 3) {
                throw new IllegalArgumentException(file + ": record " + (i + 1) + " has " + r.size() + " fields; expected prompt, weak correct, strong correct");
            }
            rows.add(new Row(r.get(0), bool(file, i, r.get(1)), bool(file, i, r.get(2))));
        }
        return rows;
    }

    private static boolean bool(Path file, int record, String v) {
        return switch (v.strip()) {
            case "True", "true", "1" -> true;
            case "False", "false", "0" -> false;
            default -> throw new IllegalArgumentException(file + ": record " + (record + 1) + ": '" + v + "' is not True or False");
        };
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
