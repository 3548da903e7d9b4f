/**
 * Summaries of code by the local model, in batches, with structural summaries as the fallback.
 */
package dev.knowledgerouter.code.summary;
