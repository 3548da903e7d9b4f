/**
 * Files under {@code $KR_HOME}: owner-only creation ({@link dev.knowledgerouter.files.OwnerOnly}),
 * atomic replacement forced to disk ({@link dev.knowledgerouter.files.AtomicFile}), scratch folders.
 * Depends on nothing of ours.
 */
package dev.knowledgerouter.files;
