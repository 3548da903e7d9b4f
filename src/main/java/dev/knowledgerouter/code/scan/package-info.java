/**
 * Which files an analysis reads: the repository scanner with {@code .gitignore} rules, vendored,
 * generated and binary skips, the allowed roots, and credentials that are never read (folders, file
 * names and content).
 */
package dev.knowledgerouter.code.scan;
