/**
 * The code graph in Understand-Anything's layout: its nodes and edges, the builder that assembles them from
 * extractions and resolves names, test conventions, validation and the graph file.
 */
package dev.knowledgerouter.code.graph;
