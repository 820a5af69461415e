package com.stockpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.stockpulse.cli.VisibilityAnalysis.AppliedSale;
import java.util.List;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class VisibilityAnalysisTest {

    /**
     * One SKU starting at version 10. Two sales share version 11 (one batch), then one sale per version up to 14.
     * The table's timeline: 10, then 11 at 150 ms, 12 at 260, 13 at 350, 14 at 450.
     */
    private static final List<AppliedSale> SALES = List.of(
            new AppliedSale(0, 100, 11, 150),
            new AppliedSale(0, 120, 11, 150),
            new AppliedSale(0, 200, 12, 260),
            new AppliedSale(0, 300, 13, 350),
            new AppliedSale(0, 400, 14, 450));

    private static ViewerTimeline viewer(int sku, long... versionAndTime) {
        ViewerTimeline viewer = new ViewerTimeline(sku);
        for (int i = 0; i < versionAndTime.length; i += 2) {
            viewer.offer(versionAndTime[i], 1_000 - versionAndTime[i], versionAndTime[i + 1]);
        }
        return viewer;
    }

    private static VisibilityAnalysis.Result analyse(List<ViewerTimeline> viewers) {
        // The measured window starts at 100 ms, after the viewers' snapshots, as the drive does.
        return VisibilityAnalysis.analyse(new long[] {10, 5}, SALES, viewers, 100, 1_000);
    }

    private static long micros(long millis) {
        return millis * 1_000;
    }

    @Test
    void conflatedViewer_seesEachSaleThroughTheFirstVersionAtOrAboveIt() {
        // Got the snapshot (10), then 12 and 14 only: 11 and 13 were conflated away.
        VisibilityAnalysis.Result result = analyse(List.of(viewer(0, 10, 50, 12, 300, 14, 500)));

        Histogram visibility = result.visibility();
        // Both sales of version 11 and the sale of 12 show with 12 at 300; the sales of 13 and 14 with 14 at 500.
        assertThat(visibility.getTotalCount()).isEqualTo(5);
        assertThat(visibility.getCountBetweenValues(micros(200), micros(200))).isEqualTo(2);
        assertThat(visibility.getCountBetweenValues(micros(180), micros(180))).isEqualTo(1);
        assertThat(visibility.getCountBetweenValues(micros(100), micros(100))).isEqualTo(2);
        assertThat(result.notVisible()).isZero();
        assertThat(result.conflated()).containsExactly(2);
        assertThat(result.conflatedMean()).isEqualTo(2.0);
    }

    @Test
    void saleInAVersionTheViewerNeverGot_isVisibleWithTheLaterOne() {
        // Only 14 after the snapshot: every sale becomes visible at 500, however early its own version was.
        VisibilityAnalysis.Result result = analyse(List.of(viewer(0, 10, 60, 14, 500)));

        Histogram visibility = result.visibility();
        assertThat(visibility.getTotalCount()).isEqualTo(5);
        assertThat(visibility.valuesAreEquivalent(visibility.getMinValue(), micros(100))).isTrue();
        assertThat(visibility.valuesAreEquivalent(visibility.getMaxValue(), micros(400))).isTrue();
        assertThat(result.conflated()).containsExactly(3);
    }

    @Test
    void duplicatesAndOlderVersions_areIgnored() {
        ViewerTimeline viewer = new ViewerTimeline(0);

        assertThat(viewer.offer(10, 90, 50)).isEqualTo(ViewerTimeline.Offer.NEWER);
        assertThat(viewer.offer(12, 88, 300)).isEqualTo(ViewerTimeline.Offer.NEWER);
        assertThat(viewer.offer(11, 89, 310)).isEqualTo(ViewerTimeline.Offer.OLDER);
        assertThat(viewer.offer(12, 88, 320)).isEqualTo(ViewerTimeline.Offer.SAME);
        assertThat(viewer.offer(14, 86, 500)).isEqualTo(ViewerTimeline.Offer.NEWER);

        assertThat(viewer.versions()).containsExactly(10, 12, 14);
        assertThat(viewer.times()).containsExactly(50, 300, 500);
        assertThat(viewer.version()).isEqualTo(14);
        assertThat(viewer.available()).isEqualTo(86);
        // The late 11 and the repeated 12 change nothing: the same figures as without them.
        assertThat(analyse(List.of(viewer)).visibility().getTotalCount()).isEqualTo(5);
        assertThat(analyse(List.of(viewer)).conflated()).containsExactly(2);
    }

    @Test
    void viewerThatNeverCatchesUp_countsTheSalesItMissed() {
        ViewerTimeline upToDate = viewer(0, 10, 50, 14, 500);
        ViewerTimeline stuck = viewer(0, 10, 70, 11, 200);
        ViewerTimeline silent = new ViewerTimeline(0);

        VisibilityAnalysis.Result result = analyse(List.of(upToDate, stuck, silent));

        // stuck sees both sales of 11 (100 and 80 ms), never 12 to 14; silent never sees anything.
        assertThat(result.missed()).containsExactly(0, 3, 5);
        assertThat(result.notVisible()).isEqualTo(8);
        assertThat(result.viewersBehind()).isEqualTo(2);
        assertThat(result.visibility().getTotalCount()).isEqualTo(5 + 2);
        // Showing nothing at all is stale for the whole window.
        assertThat(result.staleMillis()).containsExactly(350, 790, 900);
        assertThat(result.longestStaleMillis()).containsExactly(350, 740, 900);
        assertThat(result.conflated()).containsExactly(3, 3, 4);
    }

    @Test
    void staleness_isTheTimeTheTableWasNewerThanTheViewer() {
        // Table newer in [150, 300) (11 vs 10) and [350, 500) (13, then 14, vs 12).
        VisibilityAnalysis.Result result = analyse(List.of(viewer(0, 10, 50, 12, 300, 14, 500)));

        assertThat(result.staleMillis()).containsExactly(300);
        assertThat(result.longestStaleMillis()).containsExactly(150);
    }

    @Test
    void staleness_joinsConsecutiveStaleStepsIntoOneStretch() {
        // The table moves 11 -> 12 -> 13 -> 14 while the viewer stays on 10 until 460: one stretch of 310 ms.
        VisibilityAnalysis.Staleness staleness = VisibilityAnalysis.staleness(10, new long[] {11, 12, 13, 14},
                new long[] {150, 260, 350, 450}, new long[] {10, 14}, new long[] {60, 460}, 100, 1_000);

        assertThat(staleness).isEqualTo(new VisibilityAnalysis.Staleness(310, 310));
    }

    @Test
    void staleness_countsOnlyInsideTheWindow() {
        VisibilityAnalysis.Staleness staleness = VisibilityAnalysis.staleness(10, new long[] {11}, new long[] {150},
                new long[] {10, 11}, new long[] {50, 900}, 400, 600);

        assertThat(staleness).isEqualTo(new VisibilityAnalysis.Staleness(200, 200));
    }

    @Test
    void viewersOfOtherSkus_areMeasuredAgainstTheirOwnTable() {
        // SKU 1 had no sales: its viewer, on the start version 5 all along, is never stale and misses nothing.
        VisibilityAnalysis.Result result = analyse(List.of(viewer(1, 5, 40)));

        assertThat(result.visibility().getTotalCount()).isZero();
        assertThat(result.missed()).containsExactly(0);
        assertThat(result.staleMillis()).containsExactly(0);
        assertThat(result.conflated()).containsExactly(0);
    }

    @Test
    void perSecond_groupsBySecondOfTheSale_andHistogramsTakeConcurrentRecording() {
        List<AppliedSale> sales = List.of(new AppliedSale(0, 1_100, 11, 1_150), new AppliedSale(0, 2_500, 12, 2_550));
        VisibilityAnalysis.Result result = VisibilityAnalysis.analyse(new long[] {10}, sales,
                List.of(viewer(0, 10, 900, 11, 1_200, 12, 2_700)), 1_000, 4_000);

        assertThat(result.perSecond()).hasSize(2);
        assertThat(result.perSecond().get(0).getTotalCount()).isEqualTo(1);
        assertThat(result.perSecond().get(1).getTotalCount()).isEqualTo(1);
        assertThat(result.visibility()).isInstanceOf(ConcurrentHistogram.class);
        assertThat(result.perSecond()).allMatch(ConcurrentHistogram.class::isInstance);
    }

    @Test
    void manyViewers_allRecorded() {
        List<ViewerTimeline> viewers = new java.util.ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            viewers.add(viewer(0, 10, 50, 12, 300 + i % 7, 14, 500 + i % 11));
        }

        VisibilityAnalysis.Result result = analyse(viewers);

        assertThat(result.visibility().getTotalCount()).isEqualTo(2_000 * 5);
        assertThat(result.conflatedTotal()).isEqualTo(2_000 * 2);
    }

    @Test
    void percentile_isNearestRank() {
        long[] values = {5, 1, 4, 2, 3, 6, 7, 8, 9, 10};

        assertThat(VisibilityAnalysis.percentile(values, 50)).isEqualTo(5);
        assertThat(VisibilityAnalysis.percentile(values, 99)).isEqualTo(10);
        assertThat(VisibilityAnalysis.percentile(values, 100)).isEqualTo(10);
        assertThat(VisibilityAnalysis.percentile(new long[0], 50)).isZero();
    }

    @Test
    void postRate_meanOverTheDrive_maxAndSecondsOverBudget() {
        PostRate rate = PostRate.of(new long[] {100, 9_000, 50, 0}, 2.5, 8_000);

        assertThat(rate.meanPerSecond()).isEqualTo(4_550.0);
        assertThat(rate.maxPerSecond()).isEqualTo(9_000);
        assertThat(rate.secondsOverBudget()).isEqualTo(1);
        assertThat(PostRate.of(new long[0], 3, 8_000).meanPerSecond()).isZero();
    }
}
