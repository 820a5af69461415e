package com.stockpulse.functions.metrics;

import com.stockpulse.model.MetricName;
import java.util.function.Supplier;

/**
 * Where figures go: {@code EmfMetrics} on Lambda (CloudWatch embedded metric format through Powertools, written at
 * the end of each invocation), {@code CountingMetrics} in the local runtime and tests. Thread-safe.
 */
public interface Metrics {

    void add(MetricName metric, double value);

    /** The end of an invocation: what was added goes out. */
    void flush();

    /** Runs one invocation and flushes what it added, whether it answers or throws. */
    default <T> T flushAfter(Supplier<T> invocation) {
        try {
            return invocation.get();
        } finally {
            flush();
        }
    }

    /** Records nothing. */
    Metrics NONE = new Metrics() {
        @Override
        public void add(MetricName metric, double value) {
        }

        @Override
        public void flush() {
        }
    };
}
