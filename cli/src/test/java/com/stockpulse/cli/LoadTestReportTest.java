package com.stockpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.stockpulse.model.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console summary, result.json and report.html of a made-up run (no stack involved). */
class LoadTestReportTest {

    private static LoadTestResult result() {
        return LoadTestFixtures.small();
    }

    @Test
    void summary_putsTheNewFiguresFirst() {
        StringWriter out = new StringWriter();

        LoadTestReport.printSummary(result(), new PrintWriter(out), Path.of("out"));

        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(1)).startsWith("connected").contains("3 / 4 (75.0%)");
        assertThat(lines.get(2)).startsWith("visibility p50 / p99 / max");
        assertThat(lines.get(3)).isEqualTo("converged                        yes");
        assertThat(out.toString()).contains("posts/s mean / max / budget").contains("9,000 / 8,000 (1 s over)")
                .contains("versions conflated total / mean  2 / 0.7 per viewer")
                .contains("stale time p50 / p99 / max").contains("longest stale p50 / p99 / max");
    }

    @Test
    void jsonAndHtml_carryVisibilityStalenessPostsAndConflation(@TempDir Path dir) throws Exception {
        LoadTestReport.write(result(), dir);

        JsonNode json = Json.mapper().readTree(dir.resolve("result.json").toFile());
        assertThat(json.path("scenario").asText()).isEqualTo("flash-sale");
        assertThat(json.path("connectedShare").asDouble()).isEqualTo(0.75);
        assertThat(json.path("visibilityFromSaleToViewer").path("samples").asLong()).isEqualTo(6);
        assertThat(json.path("visibilityFromSaleToViewer").path("notVisible").asLong()).isZero();
        assertThat(json.path("visibilityFromSaleToViewer").path("maxMs").asDouble()).isBetween(1_290.0, 1_310.0);
        assertThat(json.path("stalenessPerViewer").path("totalMs").path("max").asLong()).isEqualTo(1_250);
        assertThat(json.path("postsPerSecond").path("perSecond")).hasSize(3);
        assertThat(json.path("postsPerSecond").path("secondsOverBudget").asInt()).isEqualTo(1);
        assertThat(json.path("versionsConflated").path("total").asLong()).isEqualTo(2);
        assertThat(json.path("converged").asBoolean()).isTrue();
        assertThat(json.has("messagesExpected")).isFalse();
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).contains("Visibility over time").contains("Posts per second against the budget")
                .contains("budget 8,000/s").contains("Visibility histogram").contains("Scenario flash-sale");
        assertSelfContained(html);
    }

    /**
     * Opened anywhere, it fetches nothing: every script and style is inline (the charting library among them) and no
     * address appears in it. (Before the charts were drawn by uPlot, this said no script at all.)
     */
    static void assertSelfContained(String html) {
        assertThat(html).doesNotContainPattern("<script[^>]*\\ssrc\\s*=").doesNotContain("<link")
                .doesNotContain("@import").doesNotContain("url(").doesNotContain("http://").doesNotContain("https://")
                .contains(ReportAssets.uPlotScript()).contains(ReportAssets.text(ReportAssets.UPLOT_STYLE))
                .contains(ReportAssets.text(ReportAssets.CHARTS_SCRIPT));
    }

    /** The charts' specs as report.html carries them for its script. */
    static JsonNode chartSpecs(String html) throws Exception {
        String open = "<script type=\"application/json\" id=\"chart-specs\">";
        int from = html.indexOf(open) + open.length();
        return Json.mapper().readTree(html.substring(from, html.indexOf("</script>", from)));
    }

    @Test
    void html_chartsEachSeriesWithItsUnits_onOneTimeAxisForVisibilityAndPosts(@TempDir Path dir) throws Exception {
        LoadTestReport.write(LoadTestFixtures.full(), dir);

        JsonNode charts = chartSpecs(Files.readString(dir.resolve("report.html")));
        assertThat(charts.findValuesAsText("id")).containsExactly("visibility-over-time", "posts-per-second",
                "visibility-histogram", "runtime-heapAfterGcBytes", "runtime-liveThreads",
                "runtime-openFileDescriptors");
        JsonNode visibility = charts.get(0);
        assertThat(visibility.path("y").path("unit").asText()).isEqualTo("ms");
        assertThat(visibility.path("x").path("unit").asText()).isEqualTo("s");
        assertThat(visibility.path("series").findValuesAsText("label")).containsExactly("p50", "p90", "p99");
        JsonNode posts = charts.get(1);
        assertThat(posts.path("y").path("unit").asText()).isEqualTo("per second");
        assertThat(posts.path("series").findValuesAsText("label")).containsExactly("posts/s", "budget 4,000/s");
        // x, then a column per series, every one as long as the seconds of both charts.
        assertThat(visibility.path("data")).hasSize(4);
        assertThat(posts.path("data")).hasSize(3);
        assertThat(visibility.path("data").get(0)).isEqualTo(posts.path("data").get(0)).hasSize(95);
        assertThat(posts.path("data").get(1).get(51).asLong()).isEqualTo(4_387);
        assertThat(visibility.path("data").get(1).get(90).isNull()).as("no sale in that second").isTrue();
        JsonNode histogram = charts.get(2);
        assertThat(histogram.path("bars").asBoolean()).isTrue();
        assertThat(histogram.path("ticks").get(0).asText()).isEqualTo("<1");
        long pairs = 0;
        for (JsonNode count : histogram.path("data").get(1)) {
            pairs += count.asLong();
        }
        assertThat(pairs).as("every sale x viewer pair in a bucket").isEqualTo(240);
        assertThat(charts.get(4).path("series").get(0).path("label").asText())
                .isEqualTo("live threads: grew past 10% of the first minute");
    }

    @Test
    void html_namesEveryFigureWithItsKeyAndUnit(@TempDir Path dir) throws Exception {
        LoadTestReport.write(LoadTestFixtures.full(), dir);

        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).contains("<tr><th>posts in the busiest second</th><td>4,387/s</td>"
                        + "<td><code>postsPerSecond.maxPerSecond</code></td></tr>")
                .contains("<td><code>runtimeOverTime.liveThreads.flat</code></td>")
                .contains("<tr><th>storm: closed / synced again / took</th><td>2,399 / 2,399 / 12.3 s</td></tr>");
        assertSelfContained(html);
    }

    @Test
    void summary_saysNotAll_whileSomeViewersHaveNotSyncedAfterAStorm() {
        LoadTestResult full = LoadTestFixtures.full();
        LoadTestResult stormNotOver = new LoadTestResult(full.plan(), full.connect(), full.sales(),
                new LoadTestResult.Storm(2_399, 2_000, -1), full.convergence(), full.delivery(), full.viewers(),
                full.runtime());
        StringWriter out = new StringWriter();

        LoadTestReport.printSummary(stormNotOver, new PrintWriter(out), Path.of("out"));

        assertThat(out.toString()).contains("storm: closed / synced again / took 2,399 / 2,000 / not all");
        assertThat(LoadTestReport.json(stormNotOver)).containsEntry("stormRecoverySeconds", -1.0);
    }
}
