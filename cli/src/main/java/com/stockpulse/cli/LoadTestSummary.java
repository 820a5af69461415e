package com.stockpulse.cli;

import static com.stockpulse.cli.LoadTestFigures.CLIENTS_BEHIND;
import static com.stockpulse.cli.LoadTestFigures.CONFLATED_MEAN;
import static com.stockpulse.cli.LoadTestFigures.CONFLATED_TOTAL;
import static com.stockpulse.cli.LoadTestFigures.CONNECTED_SHARE;
import static com.stockpulse.cli.LoadTestFigures.CONNECTIONS;
import static com.stockpulse.cli.LoadTestFigures.CONNECT_FAILURES;
import static com.stockpulse.cli.LoadTestFigures.CONVERGED;
import static com.stockpulse.cli.LoadTestFigures.DUPLICATES;
import static com.stockpulse.cli.LoadTestFigures.DUPLICATES_PUT;
import static com.stockpulse.cli.LoadTestFigures.EVENTS_PUT;
import static com.stockpulse.cli.LoadTestFigures.EVENT_SUM;
import static com.stockpulse.cli.LoadTestFigures.FRAMES;
import static com.stockpulse.cli.LoadTestFigures.LONGEST_STALE_MAX;
import static com.stockpulse.cli.LoadTestFigures.LONGEST_STALE_P50;
import static com.stockpulse.cli.LoadTestFigures.LONGEST_STALE_P99;
import static com.stockpulse.cli.LoadTestFigures.NOT_VISIBLE;
import static com.stockpulse.cli.LoadTestFigures.OPEN_CONNECTIONS;
import static com.stockpulse.cli.LoadTestFigures.POSTS_MAX;
import static com.stockpulse.cli.LoadTestFigures.POSTS_MEAN;
import static com.stockpulse.cli.LoadTestFigures.POST_BUDGET;
import static com.stockpulse.cli.LoadTestFigures.PUT_FAILURES;
import static com.stockpulse.cli.LoadTestFigures.RECONNECTS;
import static com.stockpulse.cli.LoadTestFigures.REPLACED_SILENT;
import static com.stockpulse.cli.LoadTestFigures.SALES_APPLIED;
import static com.stockpulse.cli.LoadTestFigures.SALES_REJECTED;
import static com.stockpulse.cli.LoadTestFigures.SALES_WITHOUT_ROW;
import static com.stockpulse.cli.LoadTestFigures.SECONDS_OVER_BUDGET;
import static com.stockpulse.cli.LoadTestFigures.SETTLE_SYNCS;
import static com.stockpulse.cli.LoadTestFigures.STALE_DROPPED;
import static com.stockpulse.cli.LoadTestFigures.STALE_MAX;
import static com.stockpulse.cli.LoadTestFigures.STALE_P50;
import static com.stockpulse.cli.LoadTestFigures.STALE_P99;
import static com.stockpulse.cli.LoadTestFigures.STOCK_CHANGE;
import static com.stockpulse.cli.LoadTestFigures.STORM_CLOSED;
import static com.stockpulse.cli.LoadTestFigures.STORM_RECOVERY;
import static com.stockpulse.cli.LoadTestFigures.STORM_RESYNCED;
import static com.stockpulse.cli.LoadTestFigures.SYNC_RETRIES;
import static com.stockpulse.cli.LoadTestFigures.THROTTLED_429;
import static com.stockpulse.cli.LoadTestFigures.VIEWERS_BEHIND;
import static com.stockpulse.cli.LoadTestFigures.VISIBILITY_MAX;
import static com.stockpulse.cli.LoadTestFigures.VISIBILITY_P50;
import static com.stockpulse.cli.LoadTestFigures.VISIBILITY_P90;
import static com.stockpulse.cli.LoadTestFigures.VISIBILITY_P99;
import static com.stockpulse.cli.LoadTestFigures.VISIBILITY_SAMPLES;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The summary a reader looks at first, on the console and at the top of report.html: rows that place figures of
 * {@link LoadTestFigures} on one line each. In a row's line, {@code {}} is a figure with its unit and {@code {#}} its
 * number alone, for a unit said once after several figures.
 */
final class LoadTestSummary {

    /** What the two words of the summary mean, said under it. */
    static final List<String> NOTES = List.of(
            "visibility: from a sale until each viewer of its page holds a version that includes it",
            "stale: while the table held a newer version than the viewer showed (drive and quiescence)");

    /** A label and the line its figures fill; shown only for runs where {@code shown} holds. */
    record Row(String label, String line, List<LoadTestFigure<?>> figures, Predicate<LoadTestResult> shown) {

        String text(LoadTestResult result) {
            StringBuilder text = new StringBuilder();
            int figure = 0;
            int from = 0;
            for (int at = line.indexOf('{'); at >= 0; at = line.indexOf('{', from)) {
                boolean bare = line.startsWith("{#}", at);
                text.append(line, from, at);
                LoadTestFigure<?> next = figures.get(figure++);
                text.append(bare ? next.number(result) : next.text(result));
                from = at + (bare ? 3 : 2);
            }
            return text.append(line.substring(from)).toString();
        }
    }

    /** Above the first rule: what a run is judged by. */
    static final List<Row> HEADLINE = List.of(
            row("connected", "{} / {} ({})", OPEN_CONNECTIONS, CONNECTIONS, CONNECTED_SHARE),
            row("visibility p50 / p99 / max", "{#} / {#} / {}", VISIBILITY_P50, VISIBILITY_P99, VISIBILITY_MAX),
            row("converged", "{}", CONVERGED));

    private static final List<Row> DETAILS = List.of(
            row("visibility p90 / samples", "{} / {} (sale x viewer)", VISIBILITY_P90, VISIBILITY_SAMPLES),
            row("not visible / viewers behind", "{} / {}", NOT_VISIBLE, VIEWERS_BEHIND),
            row("stale time p50 / p99 / max", "{#} / {#} / {}", STALE_P50, STALE_P99, STALE_MAX),
            row("longest stale p50 / p99 / max", "{#} / {#} / {}", LONGEST_STALE_P50, LONGEST_STALE_P99,
                    LONGEST_STALE_MAX),
            row("posts/s mean / max / budget", "{#} / {#} / {#} ({} over)", POSTS_MEAN, POSTS_MAX, POST_BUDGET,
                    SECONDS_OVER_BUDGET),
            row("versions conflated total / mean", "{} / {}", CONFLATED_TOTAL, CONFLATED_MEAN),
            row("connect failures / 429s", "{} / {}", CONNECT_FAILURES, THROTTLED_429),
            row("events put (failed)", "{} ({})", EVENTS_PUT, PUT_FAILURES),
            new Row("put twice / reconnects / settle syncs / sync retries", "{} / {} / {} / {}",
                    List.of(DUPLICATES_PUT, RECONNECTS, SETTLE_SYNCS, SYNC_RETRIES),
                    r -> r.sales().duplicatesPut() > 0 || r.viewers().reconnects() > 0
                            || r.viewers().syncRetries() > 0),
            new Row("silent sockets replaced", "{}", List.of(REPLACED_SILENT), r -> r.viewers().replacedSilent() > 0),
            new Row("storm: closed / synced again / took", "{} / {} / {}",
                    List.of(STORM_CLOSED, STORM_RESYNCED, STORM_RECOVERY), r -> r.storm().closed() > 0),
            row("applied / rejected / no row", "{} / {} / {}", SALES_APPLIED, SALES_REJECTED, SALES_WITHOUT_ROW),
            row("frames received", "{}", FRAMES),
            row("duplicates / stale dropped", "{} / {}", DUPLICATES, STALE_DROPPED),
            row("stock change / sum of events", "{} / {}", STOCK_CHANGE, EVENT_SUM),
            row("clients behind the table", "{}", CLIENTS_BEHIND));

    private LoadTestSummary() {
    }

    /** Below the first rule, the rows this run shows: then the local stack's, when it was sampled. */
    static List<Row> details(LoadTestResult result) {
        List<Row> rows = new ArrayList<>(DETAILS.stream().filter(row -> row.shown().test(result)).toList());
        if (!result.runtime().isEmpty()) {
            for (Map.Entry<RuntimeSampler.Figure, LoadTestFigures.RuntimeTrend> trend
                    : LoadTestFigures.RUNTIME_TRENDS.entrySet()) {
                rows.add(row(trend.getKey().key + " 1st min / max after", "{} / {} ({})",
                        trend.getValue().firstMinute(), trend.getValue().maxAfter(), trend.getValue().flat()));
            }
        }
        return rows;
    }

    private static Row row(String label, String line, LoadTestFigure<?>... figures) {
        return new Row(label, line, List.of(figures), result -> true);
    }
}
