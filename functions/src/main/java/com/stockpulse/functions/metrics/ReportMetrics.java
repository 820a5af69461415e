package com.stockpulse.functions.metrics;

import com.stockpulse.functions.broadcast.FanOutReport;
import com.stockpulse.functions.sales.BatchReport;
import com.stockpulse.model.MetricName;

/** What a batch's report comes to in figures: one place that names them, for both stream functions. */
public final class ReportMetrics {

    private ReportMetrics() {
    }

    public static void record(Metrics metrics, BatchReport report) {
        metrics.add(MetricName.SALES_APPLIED, report.applied());
        metrics.add(MetricName.SALES_REFUSED_OVERSELL, report.oversold());
        metrics.add(MetricName.SALES_REFUSED_UNKNOWN_SKU, report.unknownSku());
        metrics.add(MetricName.SALES_DUPLICATE, report.duplicates());
        metrics.add(MetricName.SALES_MALFORMED, report.invalid());
        metrics.add(MetricName.SALE_BATCH_FAILURES, report.failedAt().isPresent() ? 1 : 0);
    }

    public static void record(Metrics metrics, FanOutReport report) {
        metrics.add(MetricName.POSTS_DELIVERED, report.delivered());
        metrics.add(MetricName.POSTS_GONE, report.gone());
        metrics.add(MetricName.POSTS_RETRIED, report.retries());
        metrics.add(MetricName.VIEWERS_SKIPPED_SLOW, report.skipped());
        metrics.add(MetricName.VERSIONS_CONFLATED, report.conflated());
        if (report.connections() > 0) {
            metrics.add(MetricName.POST_BUDGET_USED, report.budgetUsedPercent());
            metrics.add(MetricName.FANOUT_LAG, report.lagMillis());
        }
    }
}
