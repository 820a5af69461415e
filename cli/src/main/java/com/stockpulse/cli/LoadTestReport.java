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
import java.util.TreeMap;
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
        Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("samples", r.latency.getTotalCount());
        latency.put("p50Ms", r.millis(50));
        latency.put("p90Ms", r.millis(90));
        latency.put("p99Ms", r.millis(99));
        latency.put("maxMs", r.maxMillis());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("run", r.run);
        json.put("target", r.target);
        json.put("connections", r.connections);
        json.put("pages", r.pages);
        json.put("ratePerSecond", r.rate);
        json.put("durationSeconds", r.duration.toSeconds());
        json.put("openConnections", r.openConnections);
        json.put("connectSeconds", r.connectSeconds);
        json.put("connectFailures", r.connectFailures.sum());
        json.put("connectThrottled429", r.throttled429.sum());
        json.put("eventsPut", r.eventsPut);
        json.put("putFailures", r.putFailures);
        json.put("putThrottledAndRetried", r.putThrottled);
        json.put("latencyFromOccurredAtToFrame", latency);
        json.put("messagesExpected", r.expectedMessages);
        json.put("messagesReceived", r.receivedMessages);
        json.put("duplicates", r.duplicates);
        json.put("staleVersionsDropped", r.staleDropped);
        json.put("clientsBehindTable", r.clientsBehind);
        json.put("stockChange", r.stockChange);
        json.put("sumOfEvents", r.eventSum);
        json.put("converged", r.converged && r.stockChange == r.eventSum);
        json.put("errorRate", r.errorRate());
        return json;
    }

    static void printSummary(LoadTestResult r, PrintWriter out, Path dir) {
        String line = "-".repeat(58);
        out.println(line);
        row(out, "connections open / asked", r.openConnections + " / " + r.connections);
        row(out, "connect failures / 429s", r.connectFailures.sum() + " / " + r.throttled429.sum());
        row(out, "events put (failed)", String.format(Locale.ROOT, "%,d (%d)", r.eventsPut, r.putFailures));
        row(out, "latency p50 / p90 / p99 / max", String.format(Locale.ROOT, "%.1f / %.1f / %.1f / %.1f ms",
                r.millis(50), r.millis(90), r.millis(99), r.maxMillis()));
        row(out, "latency samples", String.format(Locale.ROOT, "%,d", r.latency.getTotalCount()));
        row(out, "messages received / expected", String.format(Locale.ROOT, "%,d / %,d", r.receivedMessages, r.expectedMessages));
        row(out, "duplicates / stale dropped", r.duplicates + " / " + r.staleDropped);
        row(out, "stock change / sum of events", r.stockChange + " / " + r.eventSum);
        row(out, "clients behind the table", Long.toString(r.clientsBehind));
        row(out, "converged", r.converged && r.stockChange == r.eventSum ? "yes" : "NO");
        out.println(line);
        out.println("messages expected counts one per event per viewer of its page; fewer arrive when the fan-out "
                + "coalesces versions of a SKU in one batch (browsers only need the newest).");
        out.println("report: " + dir.resolve("report.html") + "   result: " + dir.resolve("result.json"));
        out.flush();
    }

    private static void row(PrintWriter out, String name, String value) {
        out.printf("%-32s %s%n", name, value);
    }

    private static String html(LoadTestResult r) {
        Map<String, Object> json = json(r);
        StringBuilder rows = new StringBuilder();
        json.forEach((key, value) -> rows.append("<tr><th>").append(escape(key)).append("</th><td>")
                .append(escape(value instanceof Map<?, ?> ? Json.toString(value) : String.valueOf(value))).append("</td></tr>"));
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
                <p>%d connections on %d pages, %.0f sale events/s for %d s against %s.
                Converged: <strong class="%s">%s</strong>. Latency p50 %.1f ms, p99 %.1f ms, max %.1f ms.</p>
                <h2>Latency over time (ms, from the event's occurredAt to the frame at the client)</h2>
                %s
                <h2>Latency histogram</h2>
                %s
                <h2>All figures</h2>
                <table>%s</table>
                </body></html>
                """.formatted(escape(r.run), escape(r.run), r.connections, r.pages, r.rate, r.duration.toSeconds(),
                escape(r.target), converged(r) ? "ok" : "bad", converged(r) ? "yes" : "no", r.millis(50), r.millis(99),
                r.maxMillis(), overTime(r.perSecond), histogram(r.latency), rows);
    }

    private static boolean converged(LoadTestResult r) {
        return r.converged && r.stockChange == r.eventSum;
    }

    /** p50 and p99 per second as two polylines. */
    private static String overTime(Map<Long, Histogram> perSecond) {
        if (perSecond.isEmpty()) {
            return "<p>No samples.</p>";
        }
        TreeMap<Long, Histogram> seconds = new TreeMap<>(perSecond);
        double maxMs = seconds.values().stream().mapToDouble(h -> h.getValueAtPercentile(99) / 1000.0).max().orElse(1);
        maxMs = Math.max(1, maxMs);
        long last = Math.max(1, seconds.lastKey());
        int width = 900;
        int height = 260;
        StringBuilder p50 = new StringBuilder();
        StringBuilder p99 = new StringBuilder();
        for (Map.Entry<Long, Histogram> entry : seconds.entrySet()) {
            double x = 40 + (width - 60) * entry.getKey() / (double) last;
            p50.append(point(x, height, entry.getValue().getValueAtPercentile(50) / 1000.0, maxMs));
            p99.append(point(x, height, entry.getValue().getValueAtPercentile(99) / 1000.0, maxMs));
        }
        return String.format(Locale.ROOT, """
                <svg viewBox="0 0 %d %d" role="img" aria-label="Latency p50 and p99 per second">
                <text x="4" y="14" font-size="11" fill="#5d6676">%.0f ms</text><text x="4" y="%d" font-size="11" fill="#5d6676">0</text>
                <text x="%d" y="%d" font-size="11" fill="#5d6676" text-anchor="end">%d s</text>
                <polyline fill="none" stroke="#2f5bd3" stroke-width="2" points="%s"/>
                <polyline fill="none" stroke="#d64545" stroke-width="2" points="%s"/>
                <text x="60" y="14" font-size="12" fill="#2f5bd3">p50</text><text x="100" y="14" font-size="12" fill="#d64545">p99</text>
                </svg>""", width, height, maxMs, height - 4, width - 20, height - 4, last, p50, p99);
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
                "<svg viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"Latency histogram\">", width, height));
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
        return svg.append("<text x=\"20\" y=\"14\" font-size=\"11\" fill=\"#5d6676\">frames per latency bucket (ms)</text></svg>")
                .toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
