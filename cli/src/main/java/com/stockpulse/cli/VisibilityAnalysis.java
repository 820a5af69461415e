package com.stockpulse.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What shoppers saw, worked out after a load test from what each viewer accepted and what the stock table went
 * through (no I/O). A sale is visible to a viewer once the viewer holds a version that includes it: the consumer
 * writes several sales of a SKU as one version, and the fan-out may skip versions (conflation), so a viewer often
 * sees a sale only through a later version.
 */
final class VisibilityAnalysis {

    /** Latencies are recorded in microseconds, up to 10 minutes (longer ones count as 10 minutes). */
    static final long MAX_MICROS = 600_000_000L;

    /**
     * A sale the consumer applied.
     *
     * @param sku               index of its SKU in the run's SKU list
     * @param occurredAtMillis  when the load test made it (its own clock, epoch ms)
     * @param version           the first stock version that includes it
     * @param processedAtMillis when the consumer wrote that version (epoch ms)
     */
    record AppliedSale(int sku, long occurredAtMillis, long version, long processedAtMillis) {
    }

    /** How long a viewer's shown value was older than the table's: in all, and in the longest stretch. */
    record Staleness(long totalMillis, long longestMillis) {
    }

    /**
     * The figures, per sale x viewer pair (histograms) and per viewer (arrays in the order of the viewers given).
     *
     * @param visibility  from a sale to the first moment a viewer of its SKU held a version that includes it
     * @param perSecond   the same, by the second since the drive began in which the sale was made
     * @param missed      per viewer: sales of its SKU it never reached a version of (a convergence failure)
     * @param conflated   per viewer: versions the table went through during the run that the viewer never got
     */
    record Result(Histogram visibility, List<Histogram> perSecond, long[] missed, long[] staleMillis,
                  long[] longestStaleMillis, long[] conflated) {

        /** Before the analysis ran: nothing measured. */
        static Result empty() {
            return new Result(new Histogram(3), List.of(), new long[0], new long[0], new long[0], new long[0]);
        }

        /** Sale x viewer pairs where the viewer never showed the sale. */
        long notVisible() {
            return Arrays.stream(missed).sum();
        }

        /** Viewers that missed at least one sale. */
        long viewersBehind() {
            return Arrays.stream(missed).filter(m -> m > 0).count();
        }

        long conflatedTotal() {
            return Arrays.stream(conflated).sum();
        }

        double conflatedMean() {
            return conflated.length == 0 ? 0 : (double) conflatedTotal() / conflated.length;
        }
    }

    private VisibilityAnalysis() {
    }

    /**
     * @param startVersions per SKU, the version current when the drive began (the seed's)
     * @param sales         the applied sales of the run
     * @param viewers       the viewers that connected
     * @param fromMillis    when the drive began; staleness is measured from here ...
     * @param toMillis      ... to the end of quiescence
     */
    static Result analyse(long[] startVersions, List<AppliedSale> sales, List<ViewerTimeline> viewers,
                          long fromMillis, long toMillis) {
        SkuHistory[] skus = SkuHistory.of(startVersions, sales, fromMillis);
        int seconds = Arrays.stream(skus).flatMapToInt(s -> Arrays.stream(s.saleSecond)).max().orElse(-1) + 1;
        ConcurrentHistogram visibility = new ConcurrentHistogram(MAX_MICROS, 3);
        List<Histogram> perSecond = new ArrayList<>(seconds);
        for (int i = 0; i < seconds; i++) {
            perSecond.add(new ConcurrentHistogram(MAX_MICROS, 2));
        }
        int n = viewers.size();
        long[] missed = new long[n];
        long[] stale = new long[n];
        long[] longest = new long[n];
        long[] conflated = new long[n];
        // Viewers are independent and can be thousands: spread them over the cores, hence the concurrent histograms.
        IntStream.range(0, n).parallel().forEach(i -> {
            ViewerTimeline viewer = viewers.get(i);
            SkuHistory sku = skus[viewer.sku];
            long[] versions = viewer.versions();
            long[] times = viewer.times();
            missed[i] = sku.recordVisibility(versions, times, visibility, perSecond);
            Staleness staleness = staleness(sku.startVersion, sku.tableVersions, sku.tableTimes, versions, times,
                    fromMillis, toMillis);
            stale[i] = staleness.totalMillis();
            longest[i] = staleness.longestMillis();
            conflated[i] = skipped(sku.tableVersions, versions);
        });
        return new Result(visibility, perSecond, missed, stale, longest, conflated);
    }

    /**
     * Walks the table's and the viewer's step functions together over [from, to): the viewer is stale while the
     * table's current version is newer than the one it shows (before its first frame it shows nothing).
     */
    static Staleness staleness(long startVersion, long[] tableVersions, long[] tableTimes, long[] viewerVersions,
                               long[] viewerTimes, long from, long to) {
        int t = lastAtOrBefore(tableTimes, from);
        int v = lastAtOrBefore(viewerTimes, from);
        long total = 0;
        long longest = 0;
        long stretch = 0;
        for (long now = from; now < to; ) {
            long tableVersion = t < 0 ? startVersion : tableVersions[t];
            long viewerVersion = v < 0 ? Long.MIN_VALUE : viewerVersions[v];
            long next = Math.min(to, Math.min(nextTime(tableTimes, t), nextTime(viewerTimes, v)));
            if (tableVersion > viewerVersion) {
                total += next - now;
                stretch += next - now;
                longest = Math.max(longest, stretch);
            } else {
                stretch = 0;
            }
            now = next;
            while (t + 1 < tableTimes.length && tableTimes[t + 1] <= now) {
                t++;
            }
            while (v + 1 < viewerTimes.length && viewerTimes[v + 1] <= now) {
                v++;
            }
        }
        return new Staleness(total, longest);
    }

    /** Table versions the viewer never accepted; both arrays increase. */
    static long skipped(long[] tableVersions, long[] viewerVersions) {
        long skipped = 0;
        int j = 0;
        for (long version : tableVersions) {
            while (j < viewerVersions.length && viewerVersions[j] < version) {
                j++;
            }
            if (j == viewerVersions.length || viewerVersions[j] != version) {
                skipped++;
            }
        }
        return skipped;
    }

    /** Nearest-rank percentile of the values (0 when there are none). */
    static long percentile(long[] values, double percentile) {
        if (values.length == 0) {
            return 0;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static int lastAtOrBefore(long[] times, long at) {
        int i = -1;
        while (i + 1 < times.length && times[i + 1] <= at) {
            i++;
        }
        return i;
    }

    private static long nextTime(long[] times, int current) {
        return current + 1 < times.length ? times[current + 1] : Long.MAX_VALUE;
    }

    /** One SKU: its table timeline and its sales ordered by version, in primitive arrays. */
    private static final class SkuHistory {
        long startVersion;
        /** The versions the run made, increasing, and when each became current. */
        long[] tableVersions = new long[0];
        long[] tableTimes = new long[0];
        long[] saleVersions = new long[0];
        long[] saleOccurred = new long[0];
        int[] saleSecond = new int[0];

        static SkuHistory[] of(long[] startVersions, List<AppliedSale> sales, long fromMillis) {
            List<List<AppliedSale>> bySku = new ArrayList<>();
            SkuHistory[] skus = new SkuHistory[startVersions.length];
            for (int i = 0; i < skus.length; i++) {
                skus[i] = new SkuHistory();
                skus[i].startVersion = startVersions[i];
                bySku.add(new ArrayList<>());
            }
            sales.forEach(sale -> bySku.get(sale.sku()).add(sale));
            for (int i = 0; i < skus.length; i++) {
                skus[i].fill(bySku.get(i), fromMillis);
            }
            return skus;
        }

        private void fill(List<AppliedSale> sales, long fromMillis) {
            sales.sort(Comparator.comparingLong(AppliedSale::version));
            int n = sales.size();
            saleVersions = new long[n];
            saleOccurred = new long[n];
            saleSecond = new int[n];
            long[] versions = new long[n];
            long[] times = new long[n];
            int distinct = 0;
            for (int k = 0; k < n; k++) {
                AppliedSale sale = sales.get(k);
                saleVersions[k] = sale.version();
                saleOccurred[k] = sale.occurredAtMillis();
                saleSecond[k] = (int) Math.max(0, (sale.occurredAtMillis() - fromMillis) / 1000);
                if (distinct == 0 || versions[distinct - 1] != sale.version()) {
                    versions[distinct] = sale.version();
                    times[distinct++] = sale.processedAtMillis();
                } else {
                    // All sales of one version share its write time; take the earliest should they not.
                    times[distinct - 1] = Math.min(times[distinct - 1], sale.processedAtMillis());
                }
            }
            tableVersions = Arrays.copyOf(versions, distinct);
            tableTimes = Arrays.copyOf(times, distinct);
            // A later version cannot have become current earlier: keep the timeline a step function.
            for (int k = 1; k < distinct; k++) {
                tableTimes[k] = Math.max(tableTimes[k], tableTimes[k - 1]);
            }
        }

        /** Records each sale's visibility to this viewer; returns how many it never reached. */
        long recordVisibility(long[] versions, long[] times, Histogram visibility, List<Histogram> perSecond) {
            int j = 0;
            for (int k = 0; k < saleVersions.length; k++) {
                while (j < versions.length && versions[j] < saleVersions[k]) {
                    j++;
                }
                if (j == versions.length) {
                    return saleVersions.length - k;
                }
                long micros = Math.min(MAX_MICROS, Math.max(0, times[j] - saleOccurred[k]) * 1000);
                visibility.recordValue(micros);
                perSecond.get(saleSecond[k]).recordValue(micros);
            }
            return 0;
        }
    }
}
