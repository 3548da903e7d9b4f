/**
 * Code analysis as a service: analysis jobs and their incremental state ({@link
 * dev.knowledgerouter.code.RepositoryAnalyzer}, {@link dev.knowledgerouter.code.CodeService}), the
 * {@code code-<name>} index and search ({@link dev.knowledgerouter.code.CodeIndex}), and code context for
 * queries. The parts it orchestrates live in subpackages: {@code scan}, {@code syntax}, {@code lang}, {@code format},
 * {@code graph} and {@code summary}.
 */
package dev.knowledgerouter.code;
