package com.stockpulse.cli;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/** Everything one load test measured. Latencies are in microseconds from the event's occurredAt to the frame. */
final class LoadTestResult {

    final String run;
    final String target;
    final int connections;
    final int pages;
    final double rate;
    final Duration duration;
    final LongAdder connectFailures = new LongAdder();
    final LongAdder throttled429 = new LongAdder();
    long openConnections;
    double connectSeconds;
    double driveSeconds;
    long eventsPut;
    long putFailures;
    long putThrottled;
    long expectedMessages;
    long receivedMessages;
    long duplicates;
    long staleDropped;
    long clientsBehind;
    long stockChange;
    long eventSum;
    boolean converged;
    Histogram latency = new Histogram(3);
    Map<Long, Histogram> perSecond = Map.of();

    LoadTestResult(String run, String target, int connections, int pages, double rate, Duration duration) {
        this.run = run;
        this.target = target;
        this.connections = connections;
        this.pages = pages;
        this.rate = rate;
        this.duration = duration;
    }

    /** Failed connects and failed puts over everything attempted. */
    double errorRate() {
        long failures = connectFailures.sum() + throttled429.sum() + putFailures;
        long attempts = connections + eventsPut + putFailures;
        return attempts == 0 ? 0 : (double) failures / attempts;
    }

    double millis(double percentile) {
        return latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(percentile) / 1000.0;
    }

    double maxMillis() {
        return latency.getTotalCount() == 0 ? 0 : latency.getMaxValue() / 1000.0;
    }
}
