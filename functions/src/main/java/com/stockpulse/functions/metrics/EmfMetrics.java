package com.stockpulse.functions.metrics;

import com.stockpulse.model.MetricName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * CloudWatch embedded metric format through Powertools: the figures of an invocation go to stdout as one EMF
 * document when it ends, and CloudWatch turns them into metrics. The namespace and the service dimension come from
 * {@code POWERTOOLS_METRICS_NAMESPACE} and {@code POWERTOOLS_SERVICE_NAME}, which the stack sets. One per container,
 * used by one invocation at a time (Lambda runs one per environment).
 */
public final class EmfMetrics implements Metrics {

    private static final Logger LOG = LoggerFactory.getLogger(EmfMetrics.class);

    private final software.amazon.lambda.powertools.metrics.Metrics emf = MetricsFactory.getMetricsInstance();
    private boolean added;

    @Override
    public synchronized void add(MetricName metric, double value) {
        emf.addMetric(metric.metricName(), value, switch (metric.unit()) {
            case COUNT -> MetricUnit.COUNT;
            case PERCENT -> MetricUnit.PERCENT;
            case MILLISECONDS -> MetricUnit.MILLISECONDS;
        });
        added = true;
    }

    @Override
    public synchronized void flush() {
        if (!added) {
            return;
        }
        added = false;
        try {
            emf.flush();
        } catch (RuntimeException e) {
            // Figures are worth less than the answer: say so, and let the invocation succeed.
            LOG.warn("metrics not written: {}", e.toString());
        }
    }
}
