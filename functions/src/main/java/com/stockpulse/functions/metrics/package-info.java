/**
 * Where the functions' figures go. {@link Metrics} is what the logic records to, by shared-model's
 * {@code MetricName}: {@link EmfMetrics} on Lambda (one CloudWatch embedded-metric-format document per invocation,
 * through Powertools) and {@link CountingMetrics} in the local runtime, whose ops console shows them, and in tests.
 * {@link ReportMetrics} turns the batch report of either stream function into figures, in one place. The stack's
 * dashboard and alarms read the same names, which is why they are declared in shared-model and not here.
 */
package com.stockpulse.functions.metrics;
