/**
 * The {@code kr} command line (picocli). Thin: parse, call a service (in-process, or through the
 * running server announced in {@code $KR_HOME}), print. Results go to stdout ({@code --json} prints
 * JSON alone); progress, logs and errors go to stderr.
 */
package dev.knowledgerouter.cli;
