/**
 * The weekly routing report: what the period's interactions say about routing (route shares against
 * the local target, relevance, failures, feedback, spend and saving, the query clusters that fail
 * locally), the threshold tuning replayed over them, and the formats it is rendered in (JSON,
 * Markdown, HTML with SVG charts). Writing tuned thresholds back to {@code kr.yaml} lives here too
 * ({@code ThresholdChanges}, logged in the {@code TuningLog}), as do the archive of weekly runs
 * ({@code ReportArchive}) and the trends read from it. Running it on a schedule is {@code report.weekly}.
 */
package dev.knowledgerouter.report;
