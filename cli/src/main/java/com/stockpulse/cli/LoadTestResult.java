package com.stockpulse.cli;

import java.time.Duration;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Everything one load test measured. Visibility latencies are in microseconds, from a sale's occurredAt to the
 * first moment a viewer of its SKU held a version that includes it.
 */
final class LoadTestResult {

    final String run;
    final String target;
    /** The preset the run started from, or null. */
    final String scenario;
    final int connections;
    final int pages;
    final double rate;
    final Duration duration;
    final long postBudget;
    long connectFailures;
    long throttled429;
    long openConnections;
    double connectSeconds;
    double driveSeconds;
    long eventsPut;
    long putFailures;
    long putThrottled;
    /** Events put a second time on purpose (--duplicate-puts), as a producer's retry would. */
    long duplicatesPut;
    /** Viewers that lost their socket and opened a new one (and synced) during the run. */
    long reconnects;
    /** Syncs viewers sent after their page went quiet (the page's settle sync). */
    long settleSyncs;
    /** Syncs asked again because the one sent on open got no snapshot (lost to a 429 or a 5xx). */
    long syncRetries;
    /** Sockets given up because nothing was heard within the heartbeat deadline (35 s), and opened again. */
    long replacedSilent;
    /** --cut-all-at: sockets the stack closed at once, viewers synced again after, and seconds until the last did. */
    long stormClosed;
    long stormResynced;
    double stormRecoverySeconds = -1;
    /** The local stack's heap after GC, threads and descriptors every 10 s; empty against AWS. */
    List<RuntimeSampler.Sample> runtimeSamples = List.of();
    long salesApplied;
    long salesRejected;
    /** Sales put whose processed-event row was not there after quiescence. */
    long salesWithoutRow;
    long framesReceived;
    long duplicates;
    long staleDropped;
    long clientsBehind;
    long stockChange;
    long eventSum;
    /** Every SKU moved by exactly its sales and every connected viewer shows the table's value and version. */
    boolean tableAndViewersAgree;
    VisibilityAnalysis.Result visibility = VisibilityAnalysis.Result.empty();
    PostRate posts;

    LoadTestResult(String run, String target, String scenario, int connections, int pages, double rate,
                   Duration duration, long postBudget) {
        this.run = run;
        this.target = target;
        this.scenario = scenario;
        this.connections = connections;
        this.pages = pages;
        this.rate = rate;
        this.duration = duration;
        this.postBudget = postBudget;
        this.posts = PostRate.none(postBudget);
    }

    /**
     * The run converged: the table and the viewers agree, the stock moved by exactly the sales put, every sale has
     * its processed row, and every connected viewer reached every sale of its page.
     */
    boolean converged() {
        return tableAndViewersAgree && stockChange == eventSum && salesWithoutRow == 0 && visibility.notVisible() == 0;
    }

    double connectedShare() {
        return connections == 0 ? 0 : (double) openConnections / connections;
    }

    /** Failed connects and failed puts over everything attempted. */
    double errorRate() {
        long failures = connectFailures + throttled429 + putFailures;
        long attempts = connections + eventsPut + putFailures;
        return attempts == 0 ? 0 : (double) failures / attempts;
    }

    double millis(double percentile) {
        Histogram latency = visibility.visibility();
        return latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(percentile) / 1000.0;
    }

    double maxMillis() {
        Histogram latency = visibility.visibility();
        return latency.getTotalCount() == 0 ? 0 : latency.getMaxValue() / 1000.0;
    }
}
