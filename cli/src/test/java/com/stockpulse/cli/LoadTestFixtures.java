package com.stockpulse.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Two made-up load-test results (no stack involved): a small one, and a full one with every optional figure (a
 * storm, retries, silent sockets, the local stack's samples) and numbers past a thousand, where grouping shows.
 */
final class LoadTestFixtures {

    private LoadTestFixtures() {
    }

    static LoadTestResult small() {
        List<VisibilityAnalysis.AppliedSale> sales = List.of(new VisibilityAnalysis.AppliedSale(0, 1_100, 11, 1_150),
                new VisibilityAnalysis.AppliedSale(0, 2_100, 12, 2_150));
        List<ViewerTimeline> viewers = List.of(timeline(10, 900, 11, 1_200, 12, 2_300), timeline(10, 900, 12, 2_400),
                timeline(10, 900, 12, 2_250));
        VisibilityAnalysis.Result visibility = VisibilityAnalysis.analyse(new long[] {10}, sales, viewers, 1_000,
                4_000);
        return new LoadTestResult(
                new LoadTestResult.Plan("lt1", "the embedded stack", "flash-sale", 4, 1, 200, Duration.ofSeconds(3),
                        8_000),
                new LoadTestResult.Connect(3, 0, 0, 1),
                new LoadTestResult.Sales(2, 0, 0, 0, 3.0),
                LoadTestResult.Storm.none(),
                new LoadTestResult.Convergence(true, 0, -2, -2),
                new LoadTestResult.Delivery(2, 0, 0, visibility, PostRate.of(new long[] {1, 9_000, 3}, 3.0, 8_000)),
                new LoadTestResult.ViewerCounts(0, 0, 0, 0, 0, 0, 0, 1),
                List.of());
    }

    static LoadTestResult full() {
        List<VisibilityAnalysis.AppliedSale> sales = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            sales.add(new VisibilityAnalysis.AppliedSale(i % 2, 1_000 + i * 1_000L, 11 + i / 2, 1_050 + i * 1_000L));
        }
        List<ViewerTimeline> viewers = new ArrayList<>();
        for (int v = 0; v < 6; v++) {
            ViewerTimeline viewer = new ViewerTimeline(v % 2);
            viewer.offer(10, 100, 900);
            for (int i = v % 2; i < 80; i += 2) {
                if (i < 78 && (i / 2 + v) % 5 == 3) {
                    continue;   // a version the fan-out conflated away for this viewer
                }
                viewer.offer(11 + i / 2, 100, 1_080 + i * 1_000L + v * 7L + (i % 9) * 300L);
            }
            viewers.add(viewer);
        }
        VisibilityAnalysis.Result visibility = VisibilityAnalysis.analyse(new long[] {10, 10}, sales, viewers, 1_000,
                95_000);
        long[] perSecond = new long[95];
        for (int s = 0; s < perSecond.length; s++) {
            perSecond[s] = s < 90 ? 3_000 + (s * 137L) % 1_400 : 200 - s;
        }
        List<RuntimeSampler.Sample> samples = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            samples.add(new RuntimeSampler.Sample(1_000_000 + i * 10_000L, (48L << 20) + i * 100_000L, 60 + i * 2,
                    540 + i % 3, 500));
        }
        return new LoadTestResult(
                new LoadTestResult.Plan("ltfull", "the local stack", null, 2_400, 2, 400, Duration.ofSeconds(90),
                        4_000),
                new LoadTestResult.Connect(2_399, 12.04, 1, 1_000),
                new LoadTestResult.Sales(35_990, 3, 1_500, 1_499, 90.02),
                new LoadTestResult.Storm(2_399, 2_399, 12.3),
                new LoadTestResult.Convergence(true, 0, -35_990, -35_990),
                new LoadTestResult.Delivery(35_988, 2, 0, visibility, PostRate.of(perSecond, 90.02, 4_000)),
                new LoadTestResult.ViewerCounts(1_234_567, 1_001, 2, 2_600, 1_321, 12, 2, 1_234),
                samples);
    }

    static ViewerTimeline timeline(long... versionAndTime) {
        ViewerTimeline viewer = new ViewerTimeline(0);
        for (int i = 0; i < versionAndTime.length; i += 2) {
            viewer.offer(versionAndTime[i], 100, versionAndTime[i + 1]);
        }
        return viewer;
    }
}
