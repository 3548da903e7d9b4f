/**
 * Copying every collection from one store to another, resumable from a checkpoint, re-embedding when
 * the two embedders differ.
 */
package dev.knowledgerouter.knowledge.migration;
