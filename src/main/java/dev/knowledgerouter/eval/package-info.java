/**
 * Offline evaluation; used only by cli: retrieval on BEIR-layout data, routing on RouteLLM-layout data
 * (the pre-router, the cascade over the weak model's answer and their combination), calibration of the
 * thresholds, the verifier fitting, and the route and verifier benchmarks with their synthetic data.
 */
package dev.knowledgerouter.eval;
