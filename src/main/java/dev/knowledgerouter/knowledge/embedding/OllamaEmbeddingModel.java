package dev.knowledgerouter.knowledge.embedding;

import dev.knowledgerouter.knowledge.Embedder;
import java.util.Map;
import java.util.Optional;

/**
 * An Ollama embedding model as kr must call it: its name as configured, the length of its vectors
 * and the task prefixes it was trained with. Ollama adds no prefixes itself, and a query embedded
 * without the one its model expects lands measurably further from the passages that answer it.
 */
public record OllamaEmbeddingModel(String name, int dimension, String queryPrefix, String documentPrefix) {
    /** The config key that gives the dimension of a model this table does not know. */
    public static final String DIMENSION_KEY = "ollama.embedding_dimension";

    /**
     * Vector lengths by family; a tag (such as {@code :latest} or {@code :v1.5}) keeps its family's
     * length. snowflake-arctic-embed is the exception: its tags are different sizes of the model.
     */
    private static final Map<String, Integer> DIMENSIONS = Map.of(
            "nomic-embed-text", 768,
            "mxbai-embed-large", 1024,
            "all-minilm", 384,
            "snowflake-arctic-embed", 1024,
            "bge-m3", 1024);

    private static final Map<String, Integer> SNOWFLAKE_TAGS =
            Map.of("22m", 384, "33m", 384, "110m", 768, "137m", 768, "335m", 1024);

    /** The query instruction of mxbai-embed-large and snowflake-arctic-embed (their model cards); documents go bare. */
    private static final String SEARCHING_PASSAGES = "Represent this sentence for searching relevant passages: ";

    public OllamaEmbeddingModel {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("the Ollama embedding model needs a name, e.g. nomic-embed-text");
        }
        if (dimension < 1) {
            throw new IllegalArgumentException(DIMENSION_KEY + " must be at least 1, got " + dimension);
        }
    }

    /** A model from the table; any other fails with the hint to configure its dimension. */
    public static OllamaEmbeddingModel of(String name) {
        return of(
                name,
                knownDimension(name)
                        .orElseThrow(() ->
                                new IllegalArgumentException("kr does not know the vector length of the Ollama model '"
                                        + name + "'; set " + DIMENSION_KEY
                                        + " to it (the length of one vector from `ollama run` or /api/embed)")));
    }

    /** Any model at the given dimension, with the task prefixes of its family. */
    public static OllamaEmbeddingModel of(String name, int dimension) {
        String model = name == null ? null : name.strip();
        return switch (family(model == null ? "" : model)) {
            case "nomic-embed-text" ->
                new OllamaEmbeddingModel(model, dimension, "search_query: ", "search_document: ");
            case "mxbai-embed-large", "snowflake-arctic-embed" ->
                new OllamaEmbeddingModel(model, dimension, SEARCHING_PASSAGES, "");
            default -> new OllamaEmbeddingModel(model, dimension, "", "");
        };
    }

    public static Optional<Integer> knownDimension(String name) {
        String model = name == null ? "" : name.strip();
        String family = family(model);
        if (family.equals("snowflake-arctic-embed")
                && !tag(model).isEmpty()
                && !tag(model).equals("latest")) {
            return Optional.ofNullable(SNOWFLAKE_TAGS.get(tag(model)));
        }
        return Optional.ofNullable(DIMENSIONS.get(family));
    }

    /** {@code ollama/<model>}: {@code :latest} is what Ollama means by no tag, so both name the same vectors. */
    public String id() {
        return idOf(name);
    }

    /** The id of a model by name alone, for reports made without an embedder at hand. */
    public static String idOf(String model) {
        return "ollama/" + (tag(model).equals("latest") ? family(model) : model);
    }

    public String prefix(Embedder.Purpose purpose) {
        return purpose == Embedder.Purpose.QUERY ? queryPrefix : documentPrefix;
    }

    private static String family(String model) {
        int colon = tagColon(model);
        return colon < 0 ? model : model.substring(0, colon);
    }

    private static String tag(String model) {
        int colon = tagColon(model);
        return colon < 0 ? "" : model.substring(colon + 1);
    }

    /** The colon before the tag; a registry's port ({@code host:5000/name}) is not a tag. */
    private static int tagColon(String model) {
        int colon = model.lastIndexOf(':');
        return colon > model.lastIndexOf('/') ? colon : -1;
    }
}
