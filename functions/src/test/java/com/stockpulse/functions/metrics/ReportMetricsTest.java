package com.stockpulse.functions.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.stockpulse.functions.broadcast.FanOutReport;
import com.stockpulse.functions.sales.BatchReport;
import com.stockpulse.model.MetricName;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportMetricsTest {

    private final CountingMetrics metrics = new CountingMetrics();

    @Test
    void aSaleBatch_isCountedByOutcome() {
        ReportMetrics.record(metrics, new BatchReport(5, 2, 3, 1, 4, 2, Optional.of("49590")));
        ReportMetrics.record(metrics, new BatchReport(1, 0, 0, 0, 0, 1, Optional.empty()));

        assertThat(metrics.total(MetricName.SALES_APPLIED)).isEqualTo(6);
        assertThat(metrics.total(MetricName.SALES_DUPLICATE)).isEqualTo(2);
        assertThat(metrics.total(MetricName.SALES_REFUSED_OVERSELL)).isEqualTo(3);
        assertThat(metrics.total(MetricName.SALES_REFUSED_UNKNOWN_SKU)).isEqualTo(1);
        assertThat(metrics.total(MetricName.SALES_MALFORMED)).isEqualTo(4);
        assertThat(metrics.total(MetricName.SALE_BATCH_FAILURES)).isEqualTo(1);
    }

    @Test
    void aFanOut_countsItsPosts_andSamplesItsLagAndBudgetUse() {
        ReportMetrics.record(metrics, new FanOutReport(1, 100, 90, 4, 6, 2, 0, 0, 3, List.of(), 1_200, 50));
        ReportMetrics.record(metrics, new FanOutReport(1, 100, 100, 0, 0, 0, 0, 0, 0, List.of(), 300, 25));

        assertThat(metrics.total(MetricName.POSTS_DELIVERED)).isEqualTo(190);
        assertThat(metrics.total(MetricName.POSTS_GONE)).isEqualTo(4);
        assertThat(metrics.total(MetricName.POSTS_RETRIED)).isEqualTo(6);
        assertThat(metrics.total(MetricName.VIEWERS_SKIPPED_SLOW)).isEqualTo(2);
        assertThat(metrics.total(MetricName.VERSIONS_CONFLATED)).isEqualTo(3);
        Map<String, Object> snapshot = metrics.snapshot();
        assertThat(snapshot.get("FanOutLag")).isEqualTo(Map.of("last", 300L, "max", 1_200L, "unit", "ms"));
        assertThat(snapshot.get("PostBudgetUsed")).isEqualTo(Map.of("last", 25L, "max", 50L, "unit", "%"));
    }

    @Test
    void aFanOutWithNoViewers_samplesNoLag() {
        ReportMetrics.record(metrics, new FanOutReport(1, 0, 0, 0, 0, 0, 0, 0, 0, List.of(), 99_999, 0));

        assertThat(metrics.snapshot().get("FanOutLag")).isEqualTo(Map.of("last", 0L, "max", 0L, "unit", "ms"));
    }
}
