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

    static LoadTestResult full() {
        LoadTestResult result = new LoadTestResult("ltfull", "the local stack", null, 2_400, 2, 400,
                Duration.ofSeconds(90), 4_000);
        result.openConnections = 2_399;
        result.connectSeconds = 12.04;
        result.connectFailures = 1;
        result.throttled429 = 1_234;
        result.driveSeconds = 90.02;
        result.eventsPut = 35_990;
        result.putFailures = 3;
        result.putThrottled = 1_500;
        result.duplicatesPut = 1_499;
        result.reconnects = 2_600;
        result.settleSyncs = 1_321;
        result.syncRetries = 12;
        result.replacedSilent = 2;
        result.stormClosed = 2_399;
        result.stormResynced = 2_399;
        result.stormRecoverySeconds = 12.3;
        result.salesApplied = 35_988;
        result.salesRejected = 2;
        result.salesWithoutRow = 0;
        result.framesReceived = 1_234_567;
        result.duplicates = 1_001;
        result.staleDropped = 2;
        result.clientsBehind = 0;
        result.stockChange = -35_990;
        result.eventSum = -35_990;
        result.tableAndViewersAgree = true;
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
        result.visibility = VisibilityAnalysis.analyse(new long[] {10, 10}, sales, viewers, 1_000, 95_000);
        long[] perSecond = new long[95];
        for (int s = 0; s < perSecond.length; s++) {
            perSecond[s] = s < 90 ? 3_000 + (s * 137L) % 1_400 : 200 - s;
        }
        result.posts = PostRate.of(perSecond, result.driveSeconds, 4_000);
        List<RuntimeSampler.Sample> samples = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            samples.add(new RuntimeSampler.Sample(1_000_000 + i * 10_000L, (48L << 20) + i * 100_000L, 60 + i * 2,
                    540 + i % 3, 500));
        }
        result.runtimeSamples = samples;
        return result;
    }

    static ViewerTimeline timeline(long... versionAndTime) {
        ViewerTimeline viewer = new ViewerTimeline(0);
        for (int i = 0; i < versionAndTime.length; i += 2) {
            viewer.offer(versionAndTime[i], 100, versionAndTime[i + 1]);
        }
        return viewer;
    }
}
