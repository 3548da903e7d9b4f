package dev.knowledgerouter.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A five-document data set in BEIR layout whose right answers are obvious, for evaluation tests. */
public final class TinyBeir {
    private TinyBeir() {}

    public static Path write(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("qrels"));
        Files.write(
                dir.resolve("corpus.jsonl"),
                List.of(
                        "{\"_id\": \"d1\", \"title\": \"Docker socket\", \"text\": \"Permission denied on /var/run/docker.sock: add the user to the docker group.\"}",
                        "{\"_id\": \"d2\", \"title\": \"Git detached HEAD\", \"text\": \"You are in detached HEAD state; create a branch with git switch -c.\"}",
                        "{\"_id\": \"d3\", \"title\": \"Maven certificates\", \"text\": \"PKIX path building failed: import the proxy CA with keytool.\"}",
                        "{\"_id\": \"d4\", \"title\": \"Python venv\", \"text\": \"externally-managed-environment: create a virtual environment with python -m venv.\"}",
                        "{\"_id\": \"d5\", \"title\": \"Node peer deps\", \"text\": \"npm ERESOLVE unable to resolve dependency tree: align the peer dependency versions.\"}"));
        Files.write(
                dir.resolve("queries.jsonl"),
                List.of(
                        "{\"_id\": \"q1\", \"text\": \"docker.sock permission denied\"}",
                        "{\"_id\": \"q2\", \"text\": \"PKIX path building failed in maven\"}",
                        "{\"_id\": \"q3\", \"text\": \"npm ERESOLVE peer dependency conflict\"}",
                        "{\"_id\": \"q4\", \"text\": \"git detached HEAD how to keep my commits\"}",
                        "{\"_id\": \"q5\", \"text\": \"pip refuses: externally-managed-environment\"}",
                        "{\"_id\": \"unjudged\", \"text\": \"not evaluated\"}"));
        Files.write(
                dir.resolve("qrels").resolve("test.tsv"),
                List.of("query-id\tcorpus-id\tscore", "q1\td1\t1", "q2\td3\t1", "q3\td5\t1", "q4\td2\t1", "q5\td4\t1"));
        return dir;
    }
}
