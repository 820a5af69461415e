package com.stockpulse.functions.metrics;

import com.stockpulse.model.MetricName;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures in memory: counts add up, samples keep the last and the highest. The local runtime shows them in the
 * ops console ({@code GET /ops/api/runtime}); tests read them. Thread-safe.
 */
public final class CountingMetrics implements Metrics {

    private final Map<MetricName, double[]> figures = new EnumMap<>(MetricName.class);

    @Override
    public synchronized void add(MetricName metric, double value) {
        double[] figure = figures.computeIfAbsent(metric, m -> new double[2]);
        if (metric.isCount()) {
            figure[0] += value;
        } else {
            figure[0] = value;
            figure[1] = Math.max(figure[1], value);
        }
    }

    @Override
    public void flush() {
        // Nothing to send: the figures stay here to be read.
    }

    public synchronized double total(MetricName metric) {
        double[] figure = figures.get(metric);
        return figure == null ? 0 : figure[0];
    }

    /**
     * Every figure by its CloudWatch name: counts as totals since the start, samples as {@code {last, max}}.
     */
    public synchronized Map<String, Object> snapshot() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (MetricName metric : MetricName.values()) {
            double[] figure = figures.getOrDefault(metric, new double[2]);
            out.put(metric.metricName(), metric.isCount() ? (Object) (long) figure[0]
                    : Map.of("last", Math.round(figure[0]), "max", Math.round(figure[1]), "unit", metric.unit().symbol()));
        }
        return out;
    }
}
