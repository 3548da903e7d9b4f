/**
 * The weekly report as {@code kr serve} runs it by itself: the schedule on an injected clock and
 * {@link dev.knowledgerouter.report.weekly.TaskTimer} ({@link dev.knowledgerouter.report.weekly.WeeklyReports}),
 * one run ({@link dev.knowledgerouter.report.weekly.WeeklyRunner}), the per-week lease in the store that lets
 * routers sharing it run each week once ({@link dev.knowledgerouter.report.weekly.ReportLease}), guarded
 * auto-apply of tuned thresholds ({@link dev.knowledgerouter.report.weekly.AutoTuner}) and the webhook and
 * Slack notifications ({@link dev.knowledgerouter.report.weekly.Notifier}).
 */
package dev.knowledgerouter.report.weekly;
