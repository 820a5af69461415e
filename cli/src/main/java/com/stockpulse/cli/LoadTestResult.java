package com.stockpulse.cli;

import java.time.Duration;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Everything one load test measured: what each of its phases returned, composed. A phase adds a record here and its
 * figures to {@link LoadTestFigures}; the outputs (result.json, the console, report.html) follow from those.
 *
 * @param plan        what was asked
 * @param connect     the ramp that opened the viewers
 * @param sales       the drive that put the sales
 * @param storm       the reconnect storm of --cut-all-at, {@link Storm#none()} without one
 * @param convergence what quiescence found
 * @param delivery    the analysis: what the table applied and what the viewers saw of it
 * @param viewers     the viewers' own counters at the end of the run
 * @param runtime     the local stack's heap after GC, threads and descriptors every 10 s; empty against AWS
 */
record LoadTestResult(Plan plan, Connect connect, Sales sales, Storm storm, Convergence convergence,
                      Delivery delivery, ViewerCounts viewers, List<RuntimeSampler.Sample> runtime) {

    LoadTestResult {
        runtime = List.copyOf(runtime);
    }

    /** The run's name, its target, the preset it started from (or null) and the load asked for. */
    record Plan(String run, String target, String scenario, int connections, int pages, double rate,
                Duration duration, long postBudget) {
    }

    /** The ramp: sockets open at its end, how long it took, opens that failed, and opens refused with 429 so far. */
    record Connect(long open, double seconds, long failures, long throttled429) {
    }

    /**
     * The drive: events that reached the stream, events not put in the end, records throttled and retried, events
     * put a second time on purpose (--duplicate-puts, as a producer's retry would), and how long it drove.
     */
    record Sales(long put, long failed, long throttled, long duplicatesPut, double seconds) {

        static Sales none() {
            return new Sales(0, 0, 0, 0, 0);
        }

        /** These counts and another batch's. */
        Sales plus(Sales batch) {
            return new Sales(put + batch.put, failed + batch.failed, throttled + batch.throttled,
                    duplicatesPut + batch.duplicatesPut, seconds);
        }

        Sales lasting(double driveSeconds) {
            return new Sales(put, failed, throttled, duplicatesPut, driveSeconds);
        }
    }

    /**
     * --cut-all-at: sockets the stack closed at once, viewers that synced again after, and seconds from the cut until
     * the last of them did (-1 while some have not, or without a storm).
     */
    record Storm(long closed, long resynced, double recoverySeconds) {

        static Storm none() {
            return new Storm(0, 0, -1);
        }
    }

    /**
     * Quiescence: whether every SKU moved by exactly its sales and every connected viewer showed the table's value and
     * version; the viewers that did not; the stock's change and the sum of the sales put (negative).
     */
    record Convergence(boolean tableAndViewersAgree, long clientsBehind, long stockChange, long eventSum) {
    }

    /**
     * After the run: sales the consumer applied, rejected, and put but without a processed-event row after
     * quiescence; what the viewers saw of them; frames per second against the budget.
     */
    record Delivery(long applied, long rejected, long withoutRow, VisibilityAnalysis.Result visibility,
                    PostRate posts) {
    }

    /**
     * The viewers' counters at the end: frames received, the same version twice, older versions dropped, sockets
     * reopened after a close, settle syncs (the page went quiet), syncs asked again (no snapshot answered), silent
     * sockets given up at the heartbeat deadline, and opens refused with 429 over the whole run.
     */
    record ViewerCounts(long frames, long duplicates, long staleDropped, long reconnects, long settleSyncs,
                        long syncRetries, long replacedSilent, long throttled429) {
    }

    /**
     * The run converged: the table and the viewers agree, the stock moved by exactly the sales put, every sale has
     * its processed row, and every connected viewer reached every sale of its page.
     */
    boolean converged() {
        return convergence.tableAndViewersAgree() && convergence.stockChange() == convergence.eventSum()
                && delivery.withoutRow() == 0 && delivery.visibility().notVisible() == 0;
    }

    double connectedShare() {
        return plan.connections() == 0 ? 0 : (double) connect.open() / plan.connections();
    }

    /** Failed connects and failed puts over everything attempted. */
    double errorRate() {
        long failures = connect.failures() + viewers.throttled429() + sales.failed();
        long attempts = plan.connections() + sales.put() + sales.failed();
        return attempts == 0 ? 0 : (double) failures / attempts;
    }

    /** A visibility percentile in milliseconds, 0 without samples. */
    double millis(double percentile) {
        Histogram latency = delivery.visibility().visibility();
        return latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(percentile) / 1000.0;
    }

    double maxMillis() {
        Histogram latency = delivery.visibility().visibility();
        return latency.getTotalCount() == 0 ? 0 : latency.getMaxValue() / 1000.0;
    }
}
