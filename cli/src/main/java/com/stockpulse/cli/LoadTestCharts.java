package com.stockpulse.cli;

import com.stockpulse.cli.LoadTestFigure.Unit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.HdrHistogram.Histogram;

/**
 * The charts of report.html as data: one spec per chart, which {@code report/charts.js} draws with uPlot when the
 * report is opened. Axes take their units from the figures they chart.
 */
final class LoadTestCharts {

    private static final String BLUE = "#2f5bd3";
    private static final String RED = "#d64545";
    private static final String ORANGE = "#e08a1e";

    /** What an axis shows, and its unit ("" for a count). */
    record Axis(String label, String unit) {

        static Axis of(String label, Unit unit) {
            return new Axis(label, unit.axis);
        }
    }

    /** One line of a chart, or its bars. */
    record Series(String label, String color, boolean dashed) {
    }

    /**
     * One chart.
     *
     * @param data  uPlot's columns: the x values, then one column per series, null where a series has no value
     * @param ticks for bars, the label under each bar (its bucket); empty for lines
     */
    record Chart(String id, Axis x, Axis y, List<Series> series, List<List<Double>> data, boolean bars,
                 List<String> ticks) {
    }

    private static final Axis SECOND_OF_DRIVE = Axis.of("second since the drive began", Unit.SECONDS);

    private LoadTestCharts() {
    }

    /** Seconds the two charts over the drive span, so their time axes line up. */
    private static int seconds(LoadTestResult result) {
        LoadTestResult.Delivery delivery = result.delivery();
        return Math.max(delivery.visibility().perSecond().size(), delivery.posts().perSecond().length);
    }

    /** Visibility p50, p90 and p99 by the second of the sale; empty without samples. */
    static Optional<Chart> visibilityOverTime(LoadTestResult result) {
        List<Histogram> perSecond = result.delivery().visibility().perSecond();
        if (perSecond.stream().allMatch(h -> h.getTotalCount() == 0)) {
            return Optional.empty();
        }
        int seconds = seconds(result);
        IntFunction<Histogram> at = second -> second < perSecond.size() && perSecond.get(second).getTotalCount() > 0
                ? perSecond.get(second) : null;
        List<List<Double>> data = List.of(counting(seconds),
                column(seconds, s -> millis(at.apply(s), 50)), column(seconds, s -> millis(at.apply(s), 90)),
                column(seconds, s -> millis(at.apply(s), 99)));
        return Optional.of(new Chart("visibility-over-time", SECOND_OF_DRIVE,
                Axis.of("visibility", LoadTestFigures.VISIBILITY_P50.unit()),
                List.of(new Series("p50", BLUE, false), new Series("p90", ORANGE, false),
                        new Series("p99", RED, false)),
                data, false, List.of()));
    }

    /** Frames all viewers received each second (one PostToConnection each) under the budget; empty without any. */
    static Optional<Chart> postsOverTime(LoadTestResult result) {
        PostRate posts = result.delivery().posts();
        if (posts.perSecond().length == 0) {
            return Optional.empty();
        }
        int seconds = seconds(result);
        List<List<Double>> data = List.of(counting(seconds),
                column(seconds, s -> s < posts.perSecond().length ? (double) posts.perSecond()[s] : null),
                column(seconds, s -> (double) posts.budget()));
        return Optional.of(new Chart("posts-per-second", SECOND_OF_DRIVE,
                Axis.of("posts", LoadTestFigures.POSTS_MAX.unit()),
                List.of(new Series("posts/s", BLUE, false),
                        new Series("budget " + LoadTestFigures.POST_BUDGET.text(result), RED, true)),
                data, false, List.of()));
    }

    /** Sale x viewer pairs per visibility bucket, buckets doubling from 1 ms up to the slowest; empty without any. */
    static Optional<Chart> visibilityHistogram(LoadTestResult result) {
        Histogram latency = result.delivery().visibility().visibility();
        if (latency.getTotalCount() == 0) {
            return Optional.empty();
        }
        List<Double> counts = new ArrayList<>();
        List<String> ticks = new ArrayList<>();
        long low = 0;
        for (long high = 1_000; low <= latency.getMaxValue(); high *= 2) {
            counts.add((double) latency.getCountBetweenValues(low, high - 1));
            ticks.add("<" + high / 1000);
            low = high;
        }
        return Optional.of(new Chart("visibility-histogram",
                Axis.of("visibility bucket", LoadTestFigures.VISIBILITY_P50.unit()),
                Axis.of("sale x viewer pairs", LoadTestFigures.VISIBILITY_SAMPLES.unit()),
                List.of(new Series("sale x viewer pairs", BLUE, false)), List.of(counting(counts.size()), counts), true,
                ticks));
    }

    /** One chart per figure of the local stack over the run, red when it grew; none with fewer than two samples. */
    static List<Chart> runtimeOverTime(LoadTestResult result) {
        List<RuntimeSampler.Sample> samples = result.runtime();
        if (samples.size() < 2) {
            return List.of();
        }
        long start = samples.getFirst().atMillis();
        List<Double> x = samples.stream().map(s -> (s.atMillis() - start) / 1000.0).toList();
        List<Chart> charts = new ArrayList<>();
        for (RuntimeSampler.Figure figure : RuntimeSampler.Figure.values()) {
            boolean flat = figure.trend(samples).flat();
            long tolerance = Math.round(RuntimeSampler.FLAT_TOLERANCE * 100);
            String verdict = flat ? "flat (within " + tolerance + "% of the first minute)"
                    : "grew past " + tolerance + "% of the first minute";
            List<Double> y = samples.stream().map(s -> figure.value.applyAsLong(s) / (double) figure.chartUnit)
                    .toList();
            charts.add(new Chart("runtime-" + figure.key, Axis.of("second since the first sample", Unit.SECONDS),
                    Axis.of(figure.label, Unit.COUNT), List.of(new Series(figure.label + ": " + verdict,
                    flat ? BLUE : RED, false)), List.of(x, y), false, List.of()));
        }
        return charts;
    }

    private static Double millis(Histogram histogram, double percentile) {
        return histogram == null ? null : histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    /** 0, 1, 2 ... n-1: the x of a chart by the second, or by the bucket. */
    private static List<Double> counting(int n) {
        return column(n, i -> (double) i);
    }

    /** A series by the second (or bucket); null where it has no value, which uPlot leaves as a gap. */
    private static List<Double> column(int n, IntFunction<Double> value) {
        return IntStream.range(0, n).mapToObj(value).toList();
    }
}
