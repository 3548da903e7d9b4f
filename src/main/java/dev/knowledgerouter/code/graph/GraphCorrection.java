package dev.knowledgerouter.code.graph;

/**
 * One thing the validation pass changed.
 *
 * @param action {@code corrected} (a value was mapped or defaulted) or {@code dropped} (a node or edge was removed)
 * @param category {@code alias}, {@code default}, {@code out-of-range}, {@code duplicate}, {@code dangling},
 *     {@code invalid}
 * @param path where, as {@code nodes[3].complexity} or {@code edges[12]}
 */
public record GraphCorrection(String action, String category, String path, String message) {
    static GraphCorrection corrected(String category, String path, String message) {
        return new GraphCorrection("corrected", category, path, message);
    }

    static GraphCorrection dropped(String category, String path, String message) {
        return new GraphCorrection("dropped", category, path, message);
    }
}
