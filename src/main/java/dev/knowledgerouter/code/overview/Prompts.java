package dev.knowledgerouter.code.overview;

/** What the local model is told in each step of {@link OverviewRefiner}. */
final class Prompts {
    static final String LAYERS = """
            You name the architectural layers of a code base. The layers were found from its import graph and folder \
            conventions; each comes with an id, the folders it was found as, and some of its files. For every layer id, \
            write a short name (two to four words, such as "HTTP front end" or "Storage") and a one-sentence \
            description of its role. Do not add, remove, merge or reorder layers, and do not move files. Reply with \
            JSON only, exactly in this form:
            {"layers":[{"id":"<layer id>","name":"...","description":"..."}]}""";

    static final String TOUR = """
            You plan a guided tour of a code base for a newcomer. Choose 8 to 15 stops from the files listed, starting \
            with an overview (such as the README) and entry points, then following the imports down to the \
            foundations. Each stop has a short title, two or three sentences on what the reader learns there, and the \
            ids of the nodes to look at. Use only ids from the list, exactly as written; never invent one. Reply with \
            JSON only, exactly in this form:
            {"tour":[{"title":"...","description":"...","nodeIds":["<id>"]}]}""";

    static final String DESCRIPTION = """
            You describe a software project in two or three plain sentences: what it does, for whom, and how it is \
            built. Use only what the README, frameworks and layers given say. Reply with JSON only, exactly in this \
            form:
            {"description":"..."}""";

    private Prompts() {}
}
