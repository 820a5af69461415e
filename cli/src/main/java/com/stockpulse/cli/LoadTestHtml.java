package com.stockpulse.cli;

import static com.stockpulse.cli.LoadTestFigures.CONNECTIONS;
import static com.stockpulse.cli.LoadTestFigures.CONVERGED;
import static com.stockpulse.cli.LoadTestFigures.DURATION;
import static com.stockpulse.cli.LoadTestFigures.PAGES;
import static com.stockpulse.cli.LoadTestFigures.RATE;
import static com.stockpulse.cli.LoadTestFigures.TARGET;
import static com.stockpulse.cli.LoadTestFigures.VISIBILITY_MAX;
import static com.stockpulse.cli.LoadTestFigures.VISIBILITY_P50;
import static com.stockpulse.cli.LoadTestFigures.VISIBILITY_P99;

import com.stockpulse.model.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * report.html: one file that opens anywhere with nothing fetched. The figures come from {@link LoadTestFigures} and
 * the summary's rows, the charts from {@link LoadTestCharts}, drawn in the browser by the inlined uPlot.
 */
final class LoadTestHtml {

    private static final String STYLE = """
            body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1d2330}
            h1{font-size:1.6rem}h2{font-size:1.15rem;margin-top:2.2rem}
            table.figures{border-collapse:collapse;width:100%}
            .figures th,.figures td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #e4e7ec;
            font-variant-numeric:tabular-nums}.figures th{color:#5d6676;font-weight:600;width:22rem}
            tr.headline td{font-weight:600}code{color:#5d6676}
            .ok{color:#1f7a4d}.bad{color:#9b1c1c}.note{color:#5d6676;font-size:.9rem;margin:.3rem 0}
            .chart{background:#f7f8fa;border-radius:.5rem;padding:.5rem 0;margin:.5rem 0 1rem}
            .uplot .u-legend{font-size:.9rem}
            """;

    private LoadTestHtml() {
    }

    static String render(LoadTestResult result) {
        List<LoadTestCharts.Chart> charts = new ArrayList<>();
        String run = escape(result.plan().run());
        StringBuilder html = new StringBuilder("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>StockPulse load "
                + "test " + run + "</title>\n<style>" + ReportAssets.text(ReportAssets.UPLOT_STYLE)
                + "</style>\n<style>\n" + STYLE + "</style></head><body>\n<h1>Load test " + run + "</h1>\n");
        html.append(headline(result));
        html.append("<h2>Key figures</h2>\n").append(keyFigures(result));
        section(html, charts, "Visibility over time (ms, from a sale to the first frame whose version includes it, "
                + "by the second of the sale)", LoadTestCharts.visibilityOverTime(result).stream().toList(),
                "No samples.");
        section(html, charts, "Posts per second against the budget (frames all viewers received, each one "
                + "PostToConnection)", LoadTestCharts.postsOverTime(result).stream().toList(),
                "No frames counted.");
        section(html, charts, "Visibility histogram (sale x viewer pairs per bucket of visibility)",
                LoadTestCharts.visibilityHistogram(result).stream().toList(), "No samples.");
        List<LoadTestCharts.Chart> runtime = LoadTestCharts.runtimeOverTime(result);
        if (!runtime.isEmpty()) {
            html.append("<h2>The local stack over time (every ").append(LoadTestFigures.RUNTIME_EVERY.text(result))
                    .append(": heap after GC, live threads, open file descriptors)</h2>\n");
            runtime.forEach(chart -> box(html, charts, chart));
        }
        html.append("<h2>All figures</h2>\n").append(allFigures(result));
        html.append("<noscript><p class=\"note\">The charts are drawn by the script inlined in this file; allow "
                + "scripts to see them (nothing is fetched).</p></noscript>\n");
        // The specs are JSON inside a script element: "<" escaped, so no label can end the element early.
        html.append("<script type=\"application/json\" id=\"chart-specs\">")
                .append(Json.toString(charts).replace("<", "\\u003c")).append("</script>\n<script>\n")
                .append(ReportAssets.uPlotScript()).append("\n</script>\n<script>\n")
                .append(ReportAssets.text(ReportAssets.CHARTS_SCRIPT)).append("</script>\n</body></html>\n");
        return html.toString();
    }

    /** One sentence: what was run against what, whether it converged, and the visibility a shopper had. */
    private static String headline(LoadTestResult r) {
        String scenario = r.plan().scenario() == null ? "" : "Scenario " + escape(r.plan().scenario()) + ": ";
        return "<p>" + scenario + CONNECTIONS.text(r) + " connections on " + PAGES.text(r) + " pages, "
                + RATE.number(r) + " sale events/s for " + DURATION.text(r) + " against " + escape(TARGET.text(r))
                + ".\nConverged: <strong class=\"" + (r.converged() ? "ok" : "bad") + "\">" + CONVERGED.text(r)
                + "</strong>. Visibility p50 " + VISIBILITY_P50.text(r) + ", p99 " + VISIBILITY_P99.text(r) + ", max "
                + VISIBILITY_MAX.text(r) + ".</p>\n";
    }

    /** The console's summary, row for row, the headline rows first and in bold. */
    private static String keyFigures(LoadTestResult r) {
        StringBuilder table = new StringBuilder("<table class=\"figures\">\n");
        LoadTestSummary.HEADLINE.forEach(row -> table.append(row(row.label(), row.text(r), "headline")));
        LoadTestSummary.details(r).forEach(row -> table.append(row(row.label(), row.text(r), "")));
        table.append("</table>\n");
        LoadTestSummary.NOTES.forEach(note -> table.append("<p class=\"note\">").append(escape(note)).append("</p>\n"));
        return table.toString();
    }

    /** Every figure of result.json: its label, its value with its unit, and its key there. */
    private static String allFigures(LoadTestResult r) {
        StringBuilder table = new StringBuilder("<table class=\"figures\">\n");
        for (LoadTestFigure<?> figure : LoadTestFigures.of(r)) {
            table.append("<tr><th>").append(escape(figure.label())).append("</th><td>").append(escape(figure.text(r)))
                    .append("</td><td><code>").append(escape(figure.key())).append("</code></td></tr>\n");
        }
        return table.append("</table>\n").toString();
    }

    private static String row(String label, String value, String cssClass) {
        return "<tr" + (cssClass.isEmpty() ? "" : " class=\"" + cssClass + "\"") + "><th>" + escape(label) + "</th><td>"
                + escape(value) + "</td></tr>\n";
    }

    /** A heading and its charts' boxes, or the heading and why there is nothing to draw. */
    private static void section(StringBuilder html, List<LoadTestCharts.Chart> charts, String heading,
                                List<LoadTestCharts.Chart> drawn, String none) {
        html.append("<h2>").append(escape(heading)).append("</h2>\n");
        drawn.forEach(chart -> box(html, charts, chart));
        if (drawn.isEmpty()) {
            html.append("<p>").append(none).append("</p>\n");
        }
    }

    private static void box(StringBuilder html, List<LoadTestCharts.Chart> charts, LoadTestCharts.Chart chart) {
        charts.add(chart);
        html.append("<div class=\"chart\" id=\"").append(chart.id()).append("\"></div>\n");
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
