package com.stockpulse.cli;

import static com.stockpulse.cli.LoadTestFigure.decimal;
import static com.stockpulse.cli.LoadTestFigure.decimalOr;
import static com.stockpulse.cli.LoadTestFigure.integer;
import static com.stockpulse.cli.LoadTestFigure.percentOf;
import static com.stockpulse.cli.LoadTestFigure.roundedInJson;
import static com.stockpulse.cli.LoadTestFigure.text;
import static com.stockpulse.cli.LoadTestFigure.verdict;

import com.stockpulse.cli.LoadTestFigure.Format;
import com.stockpulse.cli.LoadTestFigure.Unit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Every figure of a load test, each declared once, in the order result.json lists them. A new figure is one
 * declaration here (and, to show it on the console, a row in {@link LoadTestSummary}); JSON, console and HTML follow.
 */
final class LoadTestFigures {

    // Filled as the class initializes, in the order of the declarations below (result.json's): they stay first.
    private static final List<LoadTestFigure<?>> EVERY_RUN = new ArrayList<>();
    /** The local stack's figures, only for a run that sampled it. */
    private static final List<LoadTestFigure<?>> SAMPLED_STACK = new ArrayList<>();

    private static final Format<Number> GROUPED = integer("%,d");
    private static final Format<Number> PLAIN = integer("%d");
    private static final Format<Double> ONE_DECIMAL = decimal("%.1f");

    static final LoadTestFigure<String> RUN = figure("run", "run", Unit.TEXT, r -> r.plan().run(), text());
    static final LoadTestFigure<String> TARGET = figure("target", "target", Unit.TEXT, r -> r.plan().target(), text());
    static final LoadTestFigure<String> SCENARIO = figure("scenario", "scenario", Unit.TEXT,
            r -> r.plan().scenario(), text());
    static final LoadTestFigure<Integer> CONNECTIONS = figure("connections", "connections asked for", Unit.COUNT,
            r -> r.plan().connections(), GROUPED);
    static final LoadTestFigure<Integer> PAGES = figure("pages", "product pages", Unit.COUNT,
            r -> r.plan().pages(), GROUPED);
    static final LoadTestFigure<Double> RATE = figure("ratePerSecond", "sale events asked for", Unit.PER_SECOND,
            r -> r.plan().rate(), decimal("%,.0f"));
    static final LoadTestFigure<Long> DURATION = figure("durationSeconds", "drive asked for", Unit.SECONDS,
            r -> r.plan().duration().toSeconds(), GROUPED);

    static final LoadTestFigure<Long> OPEN_CONNECTIONS = figure("openConnections", "connections open",
            Unit.COUNT, r -> r.connect().open(), GROUPED);
    static final LoadTestFigure<Double> CONNECTED_SHARE = figure("connectedShare", "connected share", Unit.PERCENT,
            LoadTestResult::connectedShare, roundedInJson(percentOf("%.1f")));
    static final LoadTestFigure<Double> CONNECT_SECONDS = figure("connectSeconds", "time to open them all",
            Unit.SECONDS, r -> r.connect().seconds(), ONE_DECIMAL);
    static final LoadTestFigure<Long> CONNECT_FAILURES = figure("connectFailures", "connects failed", Unit.COUNT,
            r -> r.connect().failures(), PLAIN);
    static final LoadTestFigure<Long> THROTTLED_429 = figure("connectThrottled429", "connects refused with 429 "
            + "(and tried again)", Unit.COUNT, r -> r.viewers().throttled429(), PLAIN);

    static final LoadTestFigure<Long> EVENTS_PUT = figure("eventsPut", "sale events put", Unit.COUNT,
            r -> r.sales().put(), GROUPED);
    static final LoadTestFigure<Long> PUT_FAILURES = figure("putFailures", "sale events not put", Unit.COUNT,
            r -> r.sales().failed(), PLAIN);
    static final LoadTestFigure<Long> PUT_THROTTLED = figure("putThrottledAndRetried", "records throttled and put "
            + "again", Unit.COUNT, r -> r.sales().throttled(), GROUPED);
    static final LoadTestFigure<Long> DUPLICATES_PUT = figure("duplicatesPut", "sale events put twice on purpose",
            Unit.COUNT, r -> r.sales().duplicatesPut(), GROUPED);
    static final LoadTestFigure<Long> RECONNECTS = figure("reconnects", "sockets opened again after a close",
            Unit.COUNT, r -> r.viewers().reconnects(), GROUPED);
    static final LoadTestFigure<Long> SETTLE_SYNCS = figure("settleSyncs", "settle syncs (page went quiet)",
            Unit.COUNT, r -> r.viewers().settleSyncs(), GROUPED);
    static final LoadTestFigure<Long> SYNC_RETRIES = figure("syncRetries", "syncs asked again (no snapshot came)",
            Unit.COUNT, r -> r.viewers().syncRetries(), GROUPED);
    static final LoadTestFigure<Long> REPLACED_SILENT = figure("replacedSilent", "silent sockets replaced "
            + "(heartbeat)", Unit.COUNT, r -> r.viewers().replacedSilent(), GROUPED);
    static final LoadTestFigure<Long> STORM_CLOSED = figure("stormClosed", "storm: sockets closed at once",
            Unit.COUNT, r -> r.storm().closed(), GROUPED);
    static final LoadTestFigure<Long> STORM_RESYNCED = figure("stormResynced", "storm: viewers synced again",
            Unit.COUNT, r -> r.storm().resynced(), GROUPED);
    static final LoadTestFigure<Double> STORM_RECOVERY = figure("stormRecoverySeconds", "storm: until the last "
            + "synced again", Unit.SECONDS, r -> r.storm().recoverySeconds(), decimalOr(-1, "not all", "%.1f"));

    static final LoadTestFigure<Long> SALES_APPLIED = figure("salesApplied", "sales applied", Unit.COUNT,
            r -> r.delivery().applied(), GROUPED);
    static final LoadTestFigure<Long> SALES_REJECTED = figure("salesRejected", "sales rejected", Unit.COUNT,
            r -> r.delivery().rejected(), PLAIN);
    static final LoadTestFigure<Long> SALES_WITHOUT_ROW = figure("salesWithoutProcessedRow", "sales without a "
            + "processed-event row", Unit.COUNT, r -> r.delivery().withoutRow(), PLAIN);

    private static final String VISIBILITY = "visibilityFromSaleToViewer.";
    static final LoadTestFigure<Long> VISIBILITY_SAMPLES = figure(VISIBILITY + "samples", "visibility samples "
            + "(sale x viewer pairs)", Unit.COUNT, r -> r.delivery().visibility().visibility().getTotalCount(),
            GROUPED);
    static final LoadTestFigure<Double> VISIBILITY_P50 = visibility("p50Ms", "visibility p50", r -> r.millis(50));
    static final LoadTestFigure<Double> VISIBILITY_P90 = visibility("p90Ms", "visibility p90", r -> r.millis(90));
    static final LoadTestFigure<Double> VISIBILITY_P99 = visibility("p99Ms", "visibility p99", r -> r.millis(99));
    static final LoadTestFigure<Double> VISIBILITY_MAX = visibility("maxMs", "visibility max",
            LoadTestResult::maxMillis);
    static final LoadTestFigure<Long> NOT_VISIBLE = figure(VISIBILITY + "notVisible", "sale x viewer pairs never "
            + "visible", Unit.COUNT, r -> r.delivery().visibility().notVisible(), GROUPED);
    static final LoadTestFigure<Long> VIEWERS_BEHIND = figure(VISIBILITY + "viewersBehind", "viewers that missed a "
            + "sale", Unit.COUNT, r -> r.delivery().visibility().viewersBehind(), GROUPED);

    private static final String STALENESS = "stalenessPerViewer.";
    static final LoadTestFigure<Integer> STALE_VIEWERS = figure(STALENESS + "viewers", "viewers measured",
            Unit.COUNT, r -> r.delivery().visibility().staleMillis().length, GROUPED);
    static final LoadTestFigure<Long> STALE_P50 = stale("totalMs.p50", "stale time p50", 50, false);
    static final LoadTestFigure<Long> STALE_P99 = stale("totalMs.p99", "stale time p99", 99, false);
    static final LoadTestFigure<Long> STALE_MAX = stale("totalMs.max", "stale time max", 100, false);
    static final LoadTestFigure<Long> LONGEST_STALE_P50 = stale("longestStretchMs.p50", "longest stale stretch p50",
            50, true);
    static final LoadTestFigure<Long> LONGEST_STALE_P99 = stale("longestStretchMs.p99", "longest stale stretch p99",
            99, true);
    static final LoadTestFigure<Long> LONGEST_STALE_MAX = stale("longestStretchMs.max", "longest stale stretch max",
            100, true);

    private static final String POSTS = "postsPerSecond.";
    static final LoadTestFigure<Long> POST_BUDGET = figure(POSTS + "budgetPerSecond", "post budget",
            Unit.PER_SECOND, r -> r.delivery().posts().budget(), GROUPED);
    static final LoadTestFigure<Double> POSTS_MEAN = figure(POSTS + "meanPerSecond", "posts mean over the drive",
            Unit.PER_SECOND, r -> r.delivery().posts().meanPerSecond(), roundedInJson(decimal("%,.0f")));
    static final LoadTestFigure<Long> POSTS_MAX = figure(POSTS + "maxPerSecond", "posts in the busiest second",
            Unit.PER_SECOND, r -> r.delivery().posts().maxPerSecond(), GROUPED);
    static final LoadTestFigure<Integer> SECONDS_OVER_BUDGET = figure(POSTS + "secondsOverBudget", "seconds over "
            + "the budget", Unit.SECONDS, r -> r.delivery().posts().secondsOverBudget(), PLAIN);
    static final LoadTestFigure<long[]> POSTS_PER_SECOND = figure(POSTS + "perSecond", "posts (frames) per second",
            Unit.SERIES, r -> r.delivery().posts().perSecond(),
            LoadTestFigure.<long[]>series(values -> values.length));

    static final LoadTestFigure<Long> CONFLATED_TOTAL = figure("versionsConflated.total", "versions conflated",
            Unit.COUNT, r -> r.delivery().visibility().conflatedTotal(), GROUPED);
    static final LoadTestFigure<Double> CONFLATED_MEAN = figure("versionsConflated.meanPerViewer", "versions "
            + "conflated per viewer", Unit.PER_VIEWER, r -> r.delivery().visibility().conflatedMean(),
            roundedInJson(ONE_DECIMAL));

    static final LoadTestFigure<Long> FRAMES = figure("framesReceived", "frames received", Unit.COUNT,
            r -> r.viewers().frames(), GROUPED);
    static final LoadTestFigure<Long> DUPLICATES = figure("duplicates", "the same version twice", Unit.COUNT,
            r -> r.viewers().duplicates(), PLAIN);
    static final LoadTestFigure<Long> STALE_DROPPED = figure("staleVersionsDropped", "older versions dropped",
            Unit.COUNT, r -> r.viewers().staleDropped(), PLAIN);
    static final LoadTestFigure<Long> CLIENTS_BEHIND = figure("clientsBehindTable", "viewers behind the table at "
            + "the end", Unit.COUNT, r -> r.convergence().clientsBehind(), PLAIN);
    static final LoadTestFigure<Long> STOCK_CHANGE = figure("stockChange", "stock change", Unit.COUNT,
            r -> r.convergence().stockChange(), PLAIN);
    static final LoadTestFigure<Long> EVENT_SUM = figure("sumOfEvents", "sum of the sales put", Unit.COUNT,
            r -> r.convergence().eventSum(), PLAIN);
    static final LoadTestFigure<Boolean> CONVERGED = figure("converged", "converged", Unit.VERDICT,
            LoadTestResult::converged, verdict("yes", "NO"));
    static final LoadTestFigure<Double> ERROR_RATE = figure("errorRate", "failed connects and puts", Unit.PERCENT,
            LoadTestResult::errorRate, percentOf("%.2f"));

    /** A figure of the local stack over the run: its first minute's mean, its highest value after, the verdict. */
    record RuntimeTrend(LoadTestFigure<Long> firstMinute, LoadTestFigure<Long> maxAfter,
                        LoadTestFigure<Boolean> flat) {
    }

    private static final String RUNTIME = "runtimeOverTime.";
    static final LoadTestFigure<Long> RUNTIME_EVERY = sampled(RUNTIME + "everySeconds", "the local stack sampled "
            + "every", Unit.SECONDS, r -> LoadTestCommand.RUNTIME_SAMPLE_EVERY.toSeconds(), GROUPED);
    static final LoadTestFigure<String> RUNTIME_FLAT_MEANS = sampled(RUNTIME + "flatMeans", "flat means", Unit.TEXT,
            r -> "the highest value after the first minute is within " + Math.round(RuntimeSampler.FLAT_TOLERANCE * 100)
                    + "% of the first minute's mean", text());
    static final Map<RuntimeSampler.Figure, RuntimeTrend> RUNTIME_TRENDS = runtimeTrends();
    static final LoadTestFigure<List<RuntimeSampler.Sample>> RUNTIME_SAMPLES = sampled(RUNTIME + "samples",
            "samples of the local stack", Unit.SERIES, LoadTestResult::runtime,
            LoadTestFigure.<List<RuntimeSampler.Sample>>series(List::size));

    private LoadTestFigures() {
    }

    /** The figures of this run, in result.json's order: the local stack's only when it was sampled. */
    static List<LoadTestFigure<?>> of(LoadTestResult result) {
        return result.runtime().isEmpty() ? Collections.unmodifiableList(EVERY_RUN)
                : Stream.concat(EVERY_RUN.stream(), SAMPLED_STACK.stream()).toList();
    }

    private static Map<RuntimeSampler.Figure, RuntimeTrend> runtimeTrends() {
        Map<RuntimeSampler.Figure, RuntimeTrend> trends = new EnumMap<>(RuntimeSampler.Figure.class);
        for (RuntimeSampler.Figure figure : RuntimeSampler.Figure.values()) {
            String key = RUNTIME + figure.key + ".";
            trends.put(figure, new RuntimeTrend(
                    sampled(key + "firstMinuteMean", figure.key + ": the first minute's mean", Unit.COUNT,
                            r -> Math.round(figure.trend(r.runtime()).firstMinute()), GROUPED),
                    sampled(key + "maxAfterFirstMinute", figure.key + ": the highest after it", Unit.COUNT,
                            r -> figure.trend(r.runtime()).maxAfterFirstMinute(), GROUPED),
                    sampled(key + "flat", figure.key + ": flat", Unit.VERDICT,
                            r -> figure.trend(r.runtime()).flat(), verdict("flat", "GREW"))));
        }
        return trends;
    }

    private static LoadTestFigure<Double> visibility(String key, String label, Function<LoadTestResult, Double> value) {
        return figure(VISIBILITY + key, label, Unit.MILLISECONDS, value, ONE_DECIMAL);
    }

    /** A percentile of the per-viewer stale time, in all or in its longest stretch. */
    private static LoadTestFigure<Long> stale(String key, String label, double percentile, boolean longest) {
        return figure(STALENESS + key, label, Unit.MILLISECONDS, r -> VisibilityAnalysis.percentile(longest
                ? r.delivery().visibility().longestStaleMillis() : r.delivery().visibility().staleMillis(),
                percentile), GROUPED);
    }

    private static <T> LoadTestFigure<T> figure(String key, String label, Unit unit, Function<LoadTestResult, T> value,
                                                Format<? super T> format) {
        return declared(EVERY_RUN, new LoadTestFigure<>(key, label, unit, value, format));
    }

    private static <T> LoadTestFigure<T> sampled(String key, String label, Unit unit, Function<LoadTestResult, T> value,
                                                 Format<? super T> format) {
        return declared(SAMPLED_STACK, new LoadTestFigure<>(key, label, unit, value, format));
    }

    private static <T> LoadTestFigure<T> declared(List<LoadTestFigure<?>> figures, LoadTestFigure<T> figure) {
        figures.add(figure);
        return figure;
    }
}
