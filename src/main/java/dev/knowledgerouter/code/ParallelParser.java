package dev.knowledgerouter.code;

import dev.knowledgerouter.code.scan.RepositoryScanner;
import dev.knowledgerouter.code.scan.ScannedContent;
import dev.knowledgerouter.code.scan.SourceFile;
import dev.knowledgerouter.code.syntax.FileExtraction;
import dev.knowledgerouter.code.syntax.Language;
import dev.knowledgerouter.code.syntax.LanguageExtractor;
import dev.knowledgerouter.code.syntax.SourceParser;
import dev.knowledgerouter.code.syntax.SourceText;
import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.knowledge.StopSignal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Parses the files an analysis found changed, on a pool of threads, into their {@link FileState}s. A file that
 * changed again since the scan, or can no longer be read, is left for the next run; one whose parse fails is kept
 * as a plain file, so that one odd file never costs the repository its graph.
 */
final class ParallelParser {
    private final Map<Language, LanguageExtractor> extractors;
    private final int threads;

    /** The pool size of an analysis: one thread per core, at most eight. */
    static int defaultThreads() {
        return Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));
    }

    ParallelParser(Map<Language, LanguageExtractor> extractors, int threads) {
        this.extractors = Map.copyOf(extractors);
        this.threads = threads;
    }

    /** Takes each file as it is parsed, with its text (from a parsing thread). */
    @FunctionalInterface
    interface Listener {
        void parsed(FileState file, String text);
    }

    /**
     * Parses the changed files in parallel into {@code files}; returns how many could not be read.
     *
     * @param scanned the content the scan kept of the files, taken instead of reading them again
     */
    int parse(
            Path root,
            List<SourceFile> changed,
            ScannedContent scanned,
            Map<String, FileState> files,
            Progress progress,
            StopSignal stop)
            throws IOException {
        return parse(root, changed, scanned, files, progress, stop, (file, text) -> {});
    }

    /**
     * As {@link #parse(Path, List, ScannedContent, Map, Progress, StopSignal)}, handing each parsed file to
     * {@code listener}.
     */
    int parse(
            Path root,
            List<SourceFile> changed,
            ScannedContent scanned,
            Map<String, FileState> files,
            Progress progress,
            StopSignal stop,
            Listener listener)
            throws IOException {
        progress.start("parse", changed.size());
        int unreadable = 0;
        ExecutorService pool = Executors.newFixedThreadPool(
                threads, Thread.ofPlatform().daemon().name("kr-parse-", 0).factory());
        SourceParser parser = new SourceParser(extractors);
        try {
            List<Future<Optional<FileState>>> futures = new ArrayList<>();
            for (Language language : byShare(changed)) {
                pool.submit(() -> prepare(parser, language));
            }
            // Largest first: a big file started last would leave one thread parsing it while the others wait.
            List<SourceFile> bySize = new ArrayList<>(changed);
            bySize.sort(Comparator.comparingLong(SourceFile::bytes).reversed());
            for (SourceFile file : bySize) {
                // Once stopping, the files not yet parsed are left for the next run.
                futures.add(pool.submit(() -> stop.requested()
                        ? Optional.<FileState>empty()
                        : parseOne(root, file, scanned, parser, listener)));
            }
            for (Future<Optional<FileState>> future : futures) {
                Optional<FileState> state = future.get();
                if (state.isPresent()) {
                    files.put(state.get().extraction().path(), state.get());
                } else {
                    unreadable++;
                }
                progress.advance(1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("analysis interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("parsing failed: " + e.getCause(), e.getCause());
        } finally {
            // The native parsers may be freed only once no worker is inside one.
            pool.shutdownNow();
            try {
                if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    parser.close();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            progress.done();
        }
        return unreadable;
    }

    /** The languages of the files, the one with the most bytes first. */
    private static List<Language> byShare(List<SourceFile> files) {
        Map<Language, Long> bytes = new EnumMap<>(Language.class);
        for (SourceFile file : files) {
            bytes.merge(file.language(), file.bytes(), Long::sum);
        }
        List<Language> languages = new ArrayList<>(bytes.keySet());
        languages.sort(Comparator.comparing(bytes::get).reversed());
        return languages;
    }

    private static void prepare(SourceParser parser, Language language) {
        try {
            parser.prepare(language);
        } catch (RuntimeException | StackOverflowError e) {
            // Only a head start: the language's files meet the same failure and are kept as plain files.
        }
    }

    private static Optional<FileState> parseOne(
            Path root, SourceFile file, ScannedContent scanned, SourceParser parser, Listener listener) {
        String path = RepositoryAnalyzer.pathOf(file);
        // The scan's own bytes are the ones it judged and hashed; only a file it did not keep is read again.
        Optional<byte[]> kept = scanned.take(path);
        if (kept.isPresent()) {
            return Optional.of(parse(path, file, kept.get(), parser, listener));
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(root.resolve(file.relativePath()));
        } catch (IOException | UncheckedIOException e) {
            // Deleted or locked since the scan: left out now, picked up by the next run.
            return Optional.empty();
        }
        if (!RepositoryScanner.sha256(bytes).equals(file.sha256())) {
            return Optional.empty(); // changed since the scan judged it (it may hold a secret now): next run
        }
        return Optional.of(parse(path, file, bytes, parser, listener));
    }

    private static FileState parse(String path, SourceFile file, byte[] bytes, SourceParser parser, Listener listener) {
        SourceText source = new SourceText(bytes);
        FileExtraction extraction;
        try {
            extraction = parser.parse(path, file.language(), source);
        } catch (RuntimeException | StackOverflowError e) {
            // An extractor bug or a pathologically deep expression in one file must not cost the whole
            // repository its graph: keep it as a plain file.
            extraction = new FileExtraction(
                    path, file.language(), "", source.lineCount(), List.of(), List.of(), List.of(), List.of(), true);
        }
        FileState state = new FileState(file.sha256(), extraction, Map.of());
        listener.parsed(state, source.text());
        return state;
    }
}
