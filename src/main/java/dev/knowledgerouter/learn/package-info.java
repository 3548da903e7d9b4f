/**
 * What the router remembers: every interaction with its embedding, route, reasons, context,
 * attempts and timings, written durably to the {@code interaction-history} collection before the
 * answer is returned. Learning from outcomes and the threshold report build on it.
 */
package dev.knowledgerouter.learn;
