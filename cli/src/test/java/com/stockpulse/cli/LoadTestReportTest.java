package com.stockpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.stockpulse.model.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console summary, result.json and report.html of a made-up run (no stack involved). */
class LoadTestReportTest {

    private static LoadTestResult result() {
        LoadTestResult result = new LoadTestResult("lt1", "the embedded stack", "flash-sale", 4, 1, 200,
                Duration.ofSeconds(3), 8_000);
        result.openConnections = 3;
        result.throttled429 = 1;
        result.eventsPut = 2;
        result.salesApplied = 2;
        result.driveSeconds = 3.0;
        result.tableAndViewersAgree = true;
        result.stockChange = -2;
        result.eventSum = -2;
        List<VisibilityAnalysis.AppliedSale> sales = List.of(new VisibilityAnalysis.AppliedSale(0, 1_100, 11, 1_150),
                new VisibilityAnalysis.AppliedSale(0, 2_100, 12, 2_150));
        List<ViewerTimeline> viewers = List.of(timeline(10, 900, 11, 1_200, 12, 2_300), timeline(10, 900, 12, 2_400),
                timeline(10, 900, 12, 2_250));
        result.visibility = VisibilityAnalysis.analyse(new long[] {10}, sales, viewers, 1_000, 4_000);
        result.posts = PostRate.of(new long[] {1, 9_000, 3}, result.driveSeconds, 8_000);
        return result;
    }

    private static ViewerTimeline timeline(long... versionAndTime) {
        ViewerTimeline viewer = new ViewerTimeline(0);
        for (int i = 0; i < versionAndTime.length; i += 2) {
            viewer.offer(versionAndTime[i], 100, versionAndTime[i + 1]);
        }
        return viewer;
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
                .contains("budget 8,000/s").contains("Visibility histogram").contains("Scenario flash-sale")
                .doesNotContain("<script").doesNotContain("http://").doesNotContain("https://");
    }
}
