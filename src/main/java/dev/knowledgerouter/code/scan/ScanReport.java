package dev.knowledgerouter.code.scan;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a scan: the files to analyse, sorted by path, and how many entries were skipped for
 * each reason (reasons with no skips are absent).
 *
 * @param root the real path of the scanned root; {@link SourceFile#relativePath()} resolves against it
 * @param credentialSkips every entry left out as a credential, sorted by path (also counted in {@code skipped})
 */
public record ScanReport(
        Path root, List<SourceFile> files, Map<SkipReason, Integer> skipped, List<CredentialSkip> credentialSkips) {
    public ScanReport {
        files = List.copyOf(files);
        // By path, as the files are: the walk meets directory entries in whatever order the file system keeps.
        credentialSkips = credentialSkips.stream()
                .sorted(Comparator.comparing(CredentialSkip::path))
                .toList();
        EnumMap<SkipReason, Integer> counts = new EnumMap<>(SkipReason.class);
        skipped.forEach((reason, count) -> {
            if (count > 0) {
                counts.put(reason, count);
            }
        });
        // EnumMap keeps the declaration order, so summaries print the same way every time.
        skipped = Collections.unmodifiableMap(counts);
    }

    public int skipped(SkipReason reason) {
        return skipped.getOrDefault(reason, 0);
    }

    public int skippedTotal() {
        return skipped.values().stream().mapToInt(Integer::intValue).sum();
    }
}
