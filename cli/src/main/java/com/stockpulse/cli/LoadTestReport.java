package com.stockpulse.cli;

import com.stockpulse.model.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Writes a load test's result: the console table, result.json and a self-contained report.html. */
final class LoadTestReport {

    private LoadTestReport() {
    }

    static void write(LoadTestResult result, Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("result.json"), Json.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(json(result)), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("report.html"), html(result), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + dir, e);
        }
    }

    static Map<String, Object> json(LoadTestResult r) {
        VisibilityAnalysis.Result v = r.visibility;
        Map<String, Object> staleness = new LinkedHashMap<>();
        staleness.put("viewers", v.staleMillis().length);
        staleness.put("totalMs", spread(v.staleMillis()));
        staleness.put("longestStretchMs", spread(v.longestStaleMillis()));
        Map<String, Object> conflated = new LinkedHashMap<>();
        conflated.put("total", v.conflatedTotal());
        conflated.put("meanPerViewer", round(v.conflatedMean()));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("run", r.run);
        json.put("target", r.target);
        json.put("scenario", r.scenario);
        json.put("connections", r.connections);
        json.put("pages", r.pages);
        json.put("ratePerSecond", r.rate);
        json.put("durationSeconds", r.duration.toSeconds());
        json.put("openConnections", r.openConnections);
        json.put("connectedShare", round(r.connectedShare()));
        json.put("connectSeconds", r.connectSeconds);
        json.put("connectFailures", r.connectFailures);
        json.put("connectThrottled429", r.throttled429);
        json.put("eventsPut", r.eventsPut);
        json.put("putFailures", r.putFailures);
        json.put("putThrottledAndRetried", r.putThrottled);
        json.put("duplicatesPut", r.duplicatesPut);
        json.put("reconnects", r.reconnects);
        json.put("settleSyncs", r.settleSyncs);
        json.put("syncRetries", r.syncRetries);
        json.put("replacedSilent", r.replacedSilent);
        json.put("stormClosed", r.stormClosed);
        json.put("stormResynced", r.stormResynced);
        json.put("stormRecoverySeconds", r.stormRecoverySeconds);
        json.put("salesApplied", r.salesApplied);
        json.put("salesRejected", r.salesRejected);
        json.put("salesWithoutProcessedRow", r.salesWithoutRow);
        json.put("visibilityFromSaleToViewer", visibility(r));
        json.put("stalenessPerViewer", staleness);
        json.put("postsPerSecond", posts(r.posts));
        json.put("versionsConflated", conflated);
        json.put("framesReceived", r.framesReceived);
        json.put("duplicates", r.duplicates);
        json.put("staleVersionsDropped", r.staleDropped);
        json.put("clientsBehindTable", r.clientsBehind);
        json.put("stockChange", r.stockChange);
        json.put("sumOfEvents", r.eventSum);
        json.put("converged", r.converged());
        json.put("errorRate", r.errorRate());
        if (!r.runtimeSamples.isEmpty()) {
            json.put("runtimeOverTime", runtime(r.runtimeSamples));
        }
        return json;
    }

    private static Map<String, Object> visibility(LoadTestResult r) {
        VisibilityAnalysis.Result v = r.visibility;
        Map<String, Object> visibility = new LinkedHashMap<>();
        visibility.put("samples", v.visibility().getTotalCount());
        visibility.put("p50Ms", r.millis(50));
        visibility.put("p90Ms", r.millis(90));
        visibility.put("p99Ms", r.millis(99));
        visibility.put("maxMs", r.maxMillis());
        visibility.put("notVisible", v.notVisible());
        visibility.put("viewersBehind", v.viewersBehind());
        return visibility;
    }

    private static Map<String, Object> posts(PostRate rate) {
        Map<String, Object> posts = new LinkedHashMap<>();
        posts.put("budgetPerSecond", rate.budget());
        posts.put("meanPerSecond", round(rate.meanPerSecond()));
        posts.put("maxPerSecond", rate.maxPerSecond());
        posts.put("secondsOverBudget", rate.secondsOverBudget());
        posts.put("perSecond", rate.perSecond());
        return posts;
    }

    /** The local stack's samples and, per figure, its first minute against its highest value after. */
    private static Map<String, Object> runtime(List<RuntimeSampler.Sample> samples) {
        Map<String, Object> runtime = new LinkedHashMap<>();
        runtime.put("everySeconds", LoadTestCommand.RUNTIME_SAMPLE_EVERY.toSeconds());
        runtime.put("flatMeans", "the highest value after the first minute is within "
                + Math.round(RuntimeSampler.FLAT_TOLERANCE * 100) + "% of the first minute's mean");
        for (RuntimeSampler.Figure figure : RuntimeSampler.Figure.values()) {
            RuntimeSampler.Trend trend = figure.trend(samples);
            runtime.put(figure.key, Map.of("firstMinuteMean", Math.round(trend.firstMinute()),
                    "maxAfterFirstMinute", trend.maxAfterFirstMinute(), "flat", trend.flat()));
        }
        runtime.put("samples", samples);
        return runtime;
    }

    /** p50, p99 and max of a per-viewer figure. */
    private static Map<String, Object> spread(long[] values) {
        Map<String, Object> spread = new LinkedHashMap<>();
        spread.put("p50", VisibilityAnalysis.percentile(values, 50));
        spread.put("p99", VisibilityAnalysis.percentile(values, 99));
        spread.put("max", VisibilityAnalysis.percentile(values, 100));
        return spread;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    static void printSummary(LoadTestResult r, PrintWriter out, Path dir) {
        VisibilityAnalysis.Result v = r.visibility;
        String line = "-".repeat(70);
        out.println(line);
        row(out, "connected", String.format(Locale.ROOT, "%,d / %,d (%.1f%%)", r.openConnections, r.connections,
                100 * r.connectedShare()));
        row(out, "visibility p50 / p99 / max", String.format(Locale.ROOT, "%.1f / %.1f / %.1f ms",
                r.millis(50), r.millis(99), r.maxMillis()));
        row(out, "converged", r.converged() ? "yes" : "NO");
        out.println(line);
        row(out, "visibility p90 / samples", String.format(Locale.ROOT, "%.1f ms / %,d (sale x viewer)",
                r.millis(90), v.visibility().getTotalCount()));
        row(out, "not visible / viewers behind", String.format(Locale.ROOT, "%,d / %,d", v.notVisible(),
                v.viewersBehind()));
        row(out, "stale time p50 / p99 / max", millis(v.staleMillis()));
        row(out, "longest stale p50 / p99 / max", millis(v.longestStaleMillis()));
        row(out, "posts/s mean / max / budget", String.format(Locale.ROOT, "%,.0f / %,d / %,d (%d s over)",
                r.posts.meanPerSecond(), r.posts.maxPerSecond(), r.posts.budget(), r.posts.secondsOverBudget()));
        row(out, "versions conflated total / mean", String.format(Locale.ROOT, "%,d / %.1f per viewer",
                v.conflatedTotal(), v.conflatedMean()));
        row(out, "connect failures / 429s", r.connectFailures + " / " + r.throttled429);
        row(out, "events put (failed)", String.format(Locale.ROOT, "%,d (%d)", r.eventsPut, r.putFailures));
        if (r.duplicatesPut > 0 || r.reconnects > 0 || r.syncRetries > 0) {
            row(out, "put twice / reconnects / settle syncs / sync retries", String.format(Locale.ROOT,
                    "%,d / %,d / %,d / %,d", r.duplicatesPut, r.reconnects, r.settleSyncs, r.syncRetries));
        }
        if (r.replacedSilent > 0) {
            row(out, "silent sockets replaced", String.format(Locale.ROOT, "%,d", r.replacedSilent));
        }
        if (r.stormClosed > 0) {
            row(out, "storm: closed / synced again / took", String.format(Locale.ROOT, "%,d / %,d / %s",
                    r.stormClosed, r.stormResynced, r.stormRecoverySeconds < 0 ? "not all"
                            : String.format(Locale.ROOT, "%.1f s", r.stormRecoverySeconds)));
        }
        row(out, "applied / rejected / no row", String.format(Locale.ROOT, "%,d / %d / %d", r.salesApplied,
                r.salesRejected, r.salesWithoutRow));
        row(out, "frames received", String.format(Locale.ROOT, "%,d", r.framesReceived));
        row(out, "duplicates / stale dropped", r.duplicates + " / " + r.staleDropped);
        row(out, "stock change / sum of events", r.stockChange + " / " + r.eventSum);
        row(out, "clients behind the table", Long.toString(r.clientsBehind));
        if (!r.runtimeSamples.isEmpty()) {
            for (RuntimeSampler.Figure figure : RuntimeSampler.Figure.values()) {
                RuntimeSampler.Trend trend = figure.trend(r.runtimeSamples);
                row(out, figure.key + " 1st min / max after", String.format(Locale.ROOT, "%,.0f / %,d (%s)",
                        trend.firstMinute(), trend.maxAfterFirstMinute(), trend.flat() ? "flat" : "GREW"));
            }
        }
        out.println(line);
        out.println("visibility: from a sale until each viewer of its page holds a version that includes it");
        out.println("stale: while the table held a newer version than the viewer showed (drive and quiescence)");
        out.println("report: " + dir.resolve("report.html") + "   result: " + dir.resolve("result.json"));
        out.flush();
    }

    private static String millis(long[] values) {
        return String.format(Locale.ROOT, "%,d / %,d / %,d ms", VisibilityAnalysis.percentile(values, 50),
                VisibilityAnalysis.percentile(values, 99), VisibilityAnalysis.percentile(values, 100));
    }

    private static void row(PrintWriter out, String name, String value) {
        out.printf("%-32s %s%n", name, value);
    }

    private static String html(LoadTestResult r) {
        Map<String, Object> json = json(r);
        StringBuilder rows = new StringBuilder();
        json.forEach((key, value) -> rows.append("<tr><th>").append(escape(key)).append("</th><td>")
                .append(escape(value instanceof Map<?, ?> map ? Json.toString(withoutSeries(map)) : String.valueOf(value)))
                .append("</td></tr>"));
        VisibilityAnalysis.Result v = r.visibility;
        String key = """
                <table>
                <tr><th>connected</th><td>%,d of %,d (%.1f%%)</td></tr>
                <tr><th>visibility p50 / p90 / p99 / max</th><td>%.1f / %.1f / %.1f / %.1f ms (%,d sale x viewer pairs; %,d never visible)</td></tr>
                <tr><th>stale time per viewer p50 / p99 / max</th><td>%s</td></tr>
                <tr><th>longest stale stretch p50 / p99 / max</th><td>%s</td></tr>
                <tr><th>posts per second mean / max</th><td>%,.0f / %,d against a budget of %,d (%d s over)</td></tr>
                <tr><th>versions conflated</th><td>%,d in all, %.1f per viewer</td></tr>
                </table>""".formatted(r.openConnections, r.connections, 100 * r.connectedShare(), r.millis(50),
                r.millis(90), r.millis(99), r.maxMillis(), v.visibility().getTotalCount(), v.notVisible(),
                millis(v.staleMillis()), millis(v.longestStaleMillis()), r.posts.meanPerSecond(), r.posts.maxPerSecond(),
                r.posts.budget(), r.posts.secondsOverBudget(), v.conflatedTotal(), v.conflatedMean());
        int lastSecond = Math.max(1, Math.max(v.perSecond().size(), r.posts.perSecond().length) - 1);
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>StockPulse load test %s</title>
                <style>
                body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1d2330}
                h1{font-size:1.6rem}h2{font-size:1.15rem;margin-top:2rem}table{border-collapse:collapse;width:100%%}
                th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #e4e7ec;font-variant-numeric:tabular-nums}
                th{color:#5d6676;font-weight:600;width:18rem}svg{width:100%%;height:auto;background:#f7f8fa;border-radius:.5rem}
                .ok{color:#1f7a4d}.bad{color:#9b1c1c}
                </style></head><body>
                <h1>Load test %s</h1>
                <p>%s%d connections on %d pages, %.0f sale events/s for %d s against %s.
                Converged: <strong class="%s">%s</strong>. Visibility p50 %.1f ms, p99 %.1f ms, max %.1f ms.</p>
                <h2>Key figures</h2>
                %s
                <h2>Visibility over time (ms, from a sale to the first frame whose version includes it, by the second of the sale)</h2>
                %s
                <h2>Posts per second against the budget (frames all viewers received, each one PostToConnection)</h2>
                %s
                <h2>Visibility histogram</h2>
                %s
                %s
                <h2>All figures</h2>
                <table>%s</table>
                </body></html>
                """.formatted(escape(r.run), escape(r.run),
                r.scenario == null ? "" : "Scenario " + escape(r.scenario) + ": ", r.connections, r.pages, r.rate,
                r.duration.toSeconds(), escape(r.target), r.converged() ? "ok" : "bad", r.converged() ? "yes" : "no",
                r.millis(50), r.millis(99), r.maxMillis(), key, overTime(v.perSecond(), lastSecond),
                postsOverTime(r.posts, lastSecond), histogram(v.visibility()), runtimeOverTime(r.runtimeSamples), rows);
    }

    /** One small chart per figure of the stack (heap after GC in MB, threads, descriptors); empty without samples. */
    private static String runtimeOverTime(List<RuntimeSampler.Sample> samples) {
        if (samples.size() < 2) {
            return "";
        }
        StringBuilder html = new StringBuilder("<h2>The local stack over time (every "
                + LoadTestCommand.RUNTIME_SAMPLE_EVERY.toSeconds() + " s: heap after GC, live threads, open file descriptors)</h2>");
        long start = samples.getFirst().atMillis();
        long span = Math.max(1, samples.getLast().atMillis() - start);
        int width = 900;
        int height = 140;
        for (RuntimeSampler.Figure figure : RuntimeSampler.Figure.values()) {
            long max = Math.max(1, samples.stream().mapToLong(figure.value).max().orElse(1) / figure.chartUnit);
            StringBuilder points = new StringBuilder();
            for (RuntimeSampler.Sample sample : samples) {
                double x = 40 + (width - 60) * (sample.atMillis() - start) / (double) span;
                double y = height - 20 - (height - 40) * (figure.value.applyAsLong(sample) / figure.chartUnit) / (double) max;
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            boolean flat = figure.trend(samples).flat();
            html.append(String.format(Locale.ROOT, """
                    <svg viewBox="0 0 %d %d" role="img" aria-label="%s over time">
                    <text x="40" y="14" font-size="11" fill="#5d6676">%s: max %,d, %s</text>
                    <text x="4" y="%d" font-size="10" fill="#5d6676">0</text>
                    <polyline fill="none" stroke="%s" stroke-width="1.5" points="%s"/>
                    <text x="%d" y="%d" font-size="10" fill="#5d6676" text-anchor="end">%,d s</text>
                    </svg>""", width, height, figure.label, figure.label, max,
                    flat ? "flat (within 10% of the first minute)" : "grew past 10% of the first minute",
                    height - 16, flat ? "#2f5bd3" : "#9b1c1c", points, width - 20, height - 4, span / 1000));
        }
        return html.toString();
    }

    /** The series (per second, the stack's samples) are drawn above; the table shows only the figures. */
    private static Map<?, ?> withoutSeries(Map<?, ?> map) {
        Map<Object, Object> copy = new LinkedHashMap<>(map);
        copy.remove("perSecond");
        copy.remove("samples");
        return copy;
    }

    /** p50 and p99 per second as two polylines; seconds without sales are left out. */
    private static String overTime(List<Histogram> perSecond, int last) {
        if (perSecond.stream().allMatch(h -> h.getTotalCount() == 0)) {
            return "<p>No samples.</p>";
        }
        double maxMs = perSecond.stream().filter(h -> h.getTotalCount() > 0)
                .mapToDouble(h -> h.getValueAtPercentile(99) / 1000.0).max().orElse(1);
        maxMs = Math.max(1, maxMs);
        int width = 900;
        int height = 260;
        StringBuilder p50 = new StringBuilder();
        StringBuilder p99 = new StringBuilder();
        for (int second = 0; second < perSecond.size(); second++) {
            Histogram h = perSecond.get(second);
            if (h.getTotalCount() == 0) {
                continue;
            }
            double x = x(second, last, width);
            p50.append(point(x, height, h.getValueAtPercentile(50) / 1000.0, maxMs));
            p99.append(point(x, height, h.getValueAtPercentile(99) / 1000.0, maxMs));
        }
        return String.format(Locale.ROOT, """
                <svg viewBox="0 0 %d %d" role="img" aria-label="Visibility p50 and p99 per second">
                <text x="4" y="14" font-size="11" fill="#5d6676">%.0f ms</text><text x="4" y="%d" font-size="11" fill="#5d6676">0</text>
                <text x="%d" y="%d" font-size="11" fill="#5d6676" text-anchor="end">%d s</text>
                <polyline fill="none" stroke="#2f5bd3" stroke-width="2" points="%s"/>
                <polyline fill="none" stroke="#d64545" stroke-width="2" points="%s"/>
                <text x="60" y="14" font-size="12" fill="#2f5bd3">p50</text><text x="100" y="14" font-size="12" fill="#d64545">p99</text>
                </svg>""", width, height, maxMs, height - 4, width - 20, height - 4, last, p50, p99);
    }

    /** Frames per second as a polyline under a dashed budget line, on the same time axis as the visibility. */
    private static String postsOverTime(PostRate posts, int last) {
        if (posts.perSecond().length == 0) {
            return "<p>No frames counted.</p>";
        }
        double max = Math.max(1, Math.max(posts.maxPerSecond(), posts.budget()) * 1.1);
        int width = 900;
        int height = 260;
        StringBuilder series = new StringBuilder();
        for (int second = 0; second < posts.perSecond().length; second++) {
            series.append(point(x(second, last, width), height, posts.perSecond()[second], max));
        }
        double budgetY = height - 20 - (height - 40) * (posts.budget() / max);
        return String.format(Locale.ROOT, """
                <svg viewBox="0 0 %d %d" role="img" aria-label="Frames received per second against the post budget">
                <text x="4" y="14" font-size="11" fill="#5d6676">%,.0f/s</text><text x="4" y="%d" font-size="11" fill="#5d6676">0</text>
                <text x="%d" y="%d" font-size="11" fill="#5d6676" text-anchor="end">%d s</text>
                <line x1="40" x2="%d" y1="%.1f" y2="%.1f" stroke="#d64545" stroke-width="1.5" stroke-dasharray="6 4"/>
                <polyline fill="none" stroke="#2f5bd3" stroke-width="2" points="%s"/>
                <text x="80" y="14" font-size="12" fill="#2f5bd3">posts/s</text><text x="150" y="14" font-size="12" fill="#d64545">budget %,d/s</text>
                </svg>""", width, height, max, height - 4, width - 20, height - 4, last, width - 20, budgetY, budgetY,
                series, posts.budget());
    }

    private static double x(int second, int last, int width) {
        return 40 + (width - 60) * second / (double) last;
    }

    private static String point(double x, int height, double ms, double maxMs) {
        double y = height - 20 - (height - 40) * Math.min(1, ms / maxMs);
        return String.format(Locale.ROOT, "%.1f,%.1f ", x, y);
    }

    /** Bars over logarithmic latency buckets. */
    private static String histogram(Histogram latency) {
        if (latency.getTotalCount() == 0) {
            return "<p>No samples.</p>";
        }
        // Buckets of doubling width from 1 ms: [0,1), [1,2), [2,4) ... up to the maximum seen.
        List<long[]> buckets = new ArrayList<>();
        long low = 0;
        for (long high = 1_000; low <= latency.getMaxValue(); high *= 2) {
            buckets.add(new long[] {high, latency.getCountBetweenValues(low, high - 1)});
            low = high;
        }
        long max = buckets.stream().mapToLong(b -> b[1]).max().orElse(1);
        int width = 900;
        int height = 240;
        double bar = (width - 40.0) / buckets.size();
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"Visibility histogram\">", width, height));
        for (int i = 0; i < buckets.size(); i++) {
            double h = (height - 50) * buckets.get(i)[1] / (double) Math.max(1, max);
            double x = 20 + i * bar;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#2f5bd3\"/>",
                    x + 1, height - 30 - h, bar - 2, h));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" fill=\"#5d6676\" "
                    + "text-anchor=\"middle\">&lt;%d</text>", x + bar / 2, height - 14, buckets.get(i)[0] / 1000));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" fill=\"#1d2330\" "
                    + "text-anchor=\"middle\">%d</text>", x + bar / 2, height - 34 - h, buckets.get(i)[1]));
        }
        return svg.append("<text x=\"20\" y=\"14\" font-size=\"11\" fill=\"#5d6676\">sale x viewer pairs per visibility bucket (ms)</text></svg>")
                .toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
