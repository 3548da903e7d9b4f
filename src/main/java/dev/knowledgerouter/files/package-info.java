/**
 * Files under {@code $KR_HOME}: owner-only creation ({@link OwnerOnly}), atomic replacement forced to
 * disk ({@link AtomicFile}, the one way a file is replaced, kr.yaml included), scratch folders.
 * Depends on nothing of ours.
 */
package dev.knowledgerouter.files;
