/**
 * Offline evaluation; used only by cli: retrieval on BEIR-layout data, routing on RouteLLM-layout data
 * (the pre-router, the cascade over the weak model's answer and their combination), calibration of the
 * thresholds, the verifier fitting, the route and verifier benchmarks with their synthetic data, and the
 * time-to-first-token benchmark with its streaming wire server.
 */
package dev.knowledgerouter.eval;
