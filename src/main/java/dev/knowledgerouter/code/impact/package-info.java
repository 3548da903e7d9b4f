/**
 * Change impact: what a diff of the working tree touches in an analysed repository's graph, and what depends on
 * that. {@link dev.knowledgerouter.code.impact.GitDiff} runs {@code git diff -U0}, {@link
 * dev.knowledgerouter.code.impact.DiffParser} reads it into a {@link dev.knowledgerouter.code.impact.ChangeSet},
 * and {@link dev.knowledgerouter.code.impact.ImpactAnalysis} maps the changed lines to nodes and walks the
 * graph's dependency edges backwards from them.
 */
package dev.knowledgerouter.code.impact;
