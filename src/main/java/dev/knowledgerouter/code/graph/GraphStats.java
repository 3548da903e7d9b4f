package dev.knowledgerouter.code.graph;

/**
 * What the graph builder resolved and what it could not.
 *
 * @param importsResolved import statements that led to files of the repository
 * @param importsExternal import statements kept as references to modules outside it
 * @param externalModules distinct external modules
 * @param supertypesResolved supertypes linked to a declaration of the repository
 * @param supertypesUnresolved supertypes declared elsewhere (libraries) or not found
 * @param callsResolved call sites linked to exactly one declaration
 * @param callsUnresolved call sites with no or several candidates, left out
 * @param testPairs files linked to their tests by naming convention
 */
public record GraphStats(
        int importsResolved,
        int importsExternal,
        int externalModules,
        int supertypesResolved,
        int supertypesUnresolved,
        int callsResolved,
        int callsUnresolved,
        int testPairs) {}
