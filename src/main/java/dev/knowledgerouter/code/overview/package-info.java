/**
 * The repository seen whole: its architectural layers, a guided tour, its frameworks and a description. All
 * four are found from the graph's structure and the repository's manifests first; the local model may then
 * name and describe them, but never adds, removes or moves a node.
 */
package dev.knowledgerouter.code.overview;
