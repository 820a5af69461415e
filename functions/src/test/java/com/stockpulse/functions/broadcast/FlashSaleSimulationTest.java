package com.stockpulse.functions.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import com.stockpulse.functions.messaging.ConnectionMessenger;
import com.stockpulse.functions.messaging.PostStatus;
import com.stockpulse.functions.messaging.PostingOnly;
import com.stockpulse.functions.sales.BatchReport;
import com.stockpulse.functions.sales.SaleRecord;
import com.stockpulse.functions.sales.StockApplier;
import com.stockpulse.functions.store.Connection;
import com.stockpulse.functions.store.PageDirectory;
import com.stockpulse.functions.store.memory.InMemoryCatalogStore;
import com.stockpulse.functions.store.memory.InMemoryConnectionStore;
import com.stockpulse.functions.store.memory.InMemoryStockStore;
import com.stockpulse.model.EventType;
import com.stockpulse.model.Json;
import com.stockpulse.model.PageKey;
import com.stockpulse.model.SaleEvent;
import com.stockpulse.model.StockLevel;
import com.stockpulse.model.StreamMapping;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A flash sale at AWS scale, on the in-memory twins and simulated time: one hot SKU, N viewers, 2,000 sales/s for
 * 60 s, DynamoDB's 1,000 write units per item and second (500 transactional writes), a post budget. The consumer runs as the Kinesis mapping invokes it (up
 * to a batch per invocation, back to back while records wait, else a poll every 100 ms); the fan-out as the stock
 * stream's mapping does (one invocation at a time, the next batch when it returns). Deterministic and fast.
 *
 * <p>Staleness of a viewer at time t: how long ago the table first moved past the version the viewer shows (0 when
 * it shows the current one), sampled every 100 ms. Each viewer can get at most budget / viewers updates a second, so
 * staleness cannot stay below viewers / budget seconds: the lower bound is physics, not code.
 */
class FlashSaleSimulationTest {

    private static final String SKU = "sku-hot";
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    /** What one run saw. */
    record Outcome(int viewers, int budget, long sales, int maxPostsInASecond, int maxItemWritesInASecond,
                   double stalenessP50, double stalenessP99, double worstViewerP99, long viewersWrongAtEnd,
                   long consumerFailures, long posts) {
    }

    @Test
    void flashSale_twentyThousandViewers_staysInBudgetAndItemCapAndEveryViewerEndsExact() {
        Outcome outcome = simulate(20_000, 10_000, 2_000, 60);
        System.out.println("flash-sale simulation: " + outcome);

        assertThat(outcome.maxPostsInASecond()).isLessThanOrEqualTo(10_000);
        // The store refuses a write past 500 a second; no refusal means the cap was never reached.
        assertThat(outcome.consumerFailures()).isZero();
        assertThat(outcome.maxItemWritesInASecond()).isLessThanOrEqualTo(500);
        assertThat(outcome.viewersWrongAtEnd()).isZero();
        // 20,000 viewers / 10,000 posts/s: each viewer can get an update every 2 s at best.
        double floor = 20_000 / 10_000.0;
        assertThat(outcome.stalenessP99()).isBetween(floor * 0.8, floor + 0.5);
        assertThat(outcome.worstViewerP99()).isLessThanOrEqualTo(floor + 0.5);
    }

    @Test
    void flashSale_whenTheBudgetCoversEveryViewerOnceASecond_everyViewerIsWithinOneSecondAtP99() {
        Outcome outcome = simulate(8_000, 10_000, 2_000, 60);
        System.out.println("flash-sale simulation: " + outcome);

        assertThat(outcome.maxPostsInASecond()).isLessThanOrEqualTo(10_000);
        assertThat(outcome.viewersWrongAtEnd()).isZero();
        assertThat(outcome.worstViewerP99()).isLessThanOrEqualTo(1.0);
    }

    static Outcome simulate(int viewerCount, int budget, int salesPerSecond, int seconds) {
        SimulatedTime time = new SimulatedTime();
        // 1,000 write units per item and second; a transactional write costs two.
        InMemoryStockStore stock = InMemoryStockStore.withItemWriteCap(500);
        StockApplier applier = new StockApplier(stock, time.clock());
        InMemoryConnectionStore connections = new InMemoryConnectionStore();
        Deque<SaleRecord> kinesis = new ArrayDeque<>();
        Deque<StockChange> stockStream = new ArrayDeque<>();
        // index = the row's n-th version (1 = created), value = when it was written; versions start from the clock.
        List<Long> versionTimes = new ArrayList<>(List.of(0L));
        long[] tableVersion = {0};
        long[] beforeFirst = {-1};
        stock.onWrite(level -> {
            if (beforeFirst[0] < 0) {
                beforeFirst[0] = level.version() - 1;
            }
            stockStream.add(new StockChange(Long.toString(level.version()), level));
            versionTimes.add(time.nanoTime());
            tableVersion[0] = level.version();
        });

        // Viewers: index i is connection "v{i}"; what each shows.
        long[] shownVersion = new long[viewerCount];
        long[] shownAvailable = new long[viewerCount];
        for (int i = 0; i < viewerCount; i++) {
            connections.add(new Connection("v" + i, PageKey.product(SKU), time.instant(),
                    time.instant().plus(Duration.ofHours(2))));
        }
        Map<byte[], StockLevel> decoded = new IdentityHashMap<>();
        Map<Long, int[]> postsPerSecond = new HashMap<>();
        List<Long> postTimes = new ArrayList<>();
        ConnectionMessenger messenger = PostingOnly.of((id, payload) -> {
            StockLevel level = decoded.computeIfAbsent(payload, bytes -> {
                com.fasterxml.jackson.databind.JsonNode node;
                try {
                    node = Json.mapper().readTree(bytes);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return new StockLevel(SKU, node.get("available").asLong(), node.get("version").asLong(),
                        SimulatedTime.EPOCH);
            });
            int viewer = Integer.parseInt(id, 1, id.length(), 10);
            if (level.version() > shownVersion[viewer]) {
                shownVersion[viewer] = level.version();
                shownAvailable[viewer] = level.available();
            }
            postsPerSecond.computeIfAbsent(time.nanoTime() / SECOND, s -> new int[1])[0]++;
            postTimes.add(time.nanoTime());
            return PostStatus.DELIVERED;
        });
        StockFanOut fanOut = new StockFanOut(new PageDirectory(new InMemoryCatalogStore()), connections, stock, messenger,
                FanOutSettings.of(1, Duration.ofSeconds(20)).withPostsPerSecond(budget), time.clock(), time);

        // The sale: a seed, then salesPerSecond sales of one unit, put every 10 ms.
        long[] sequence = {0};
        java.util.function.Consumer<SaleEvent> put = event -> kinesis.add(
                new SaleRecord(Long.toString(sequence[0]++), event.toJsonBytes()));
        put.accept(new SaleEvent("seed", EventType.SET, SKU, 1_000_000, time.instant(), "sim"));
        long end = seconds * SECOND;
        int perTick = salesPerSecond / 100;
        for (long t = 10 * MS; t <= end; t += 10 * MS) {
            time.schedule(t, () -> {
                for (int i = 0; i < perTick; i++) {
                    put.accept(new SaleEvent("s" + sequence[0], EventType.SALE, SKU, 1, time.instant(), "sim"));
                }
            });
        }
        long[] consumerFailures = {0};
        int batchSize = StreamMapping.SALE_EVENTS.batchSize();
        Runnable[] consumer = new Runnable[1];
        consumer[0] = () -> {
            List<SaleRecord> batch = new ArrayList<>();
            while (batch.size() < batchSize && !kinesis.isEmpty()) {
                batch.add(kinesis.poll());
            }
            if (!batch.isEmpty()) {
                BatchReport report = applier.apply(batch);
                if (report.failedAt().isPresent()) {
                    consumerFailures[0]++;
                }
            }
            // An invocation takes ~20 ms (a read and a transaction); an idle shard is polled every 100 ms.
            time.schedule(time.nanoTime() + (kinesis.isEmpty() ? 100 * MS : 20 * MS), consumer[0]);
        };
        time.schedule(0, consumer[0]);
        Runnable[] broadcaster = new Runnable[1];
        broadcaster[0] = () -> {
            List<StockChange> batch = new ArrayList<>();
            while (batch.size() < StreamMapping.STOCK_CHANGES.batchSize() && !stockStream.isEmpty()) {
                batch.add(stockStream.poll());
            }
            if (!batch.isEmpty()) {
                fanOut.fanOut(batch);   // moves simulated time as it spends its budget
            }
            time.schedule(time.nanoTime() + (stockStream.isEmpty() ? 250 * MS : 0), broadcaster[0]);
        };
        time.schedule(0, broadcaster[0]);

        // Staleness samples every 100 ms in the sale, in 10 ms buckets per viewer (up to 10 s).
        int buckets = 1_000;
        short[][] staleness = new short[viewerCount][buckets];
        int[] samples = {0};
        for (long t = SECOND; t <= end; t += 100 * MS) {
            time.schedule(t, () -> {
                samples[0]++;
                long now = time.nanoTime();
                for (int v = 0; v < viewerCount; v++) {
                    long stale = shownVersion[v] >= tableVersion[0] ? 0 : now - versionTimes.get((int) (shownVersion[v] == 0 ? 0 : shownVersion[v] - beforeFirst[0]) + 1);
                    staleness[v][(int) Math.min(buckets - 1, stale / (10 * MS))]++;
                }
            });
        }
        time.runUntil(end + 10 * SECOND);

        StockLevel last = stock.get(SKU).orElseThrow();
        long wrong = 0;
        for (int v = 0; v < viewerCount; v++) {
            if (shownVersion[v] != last.version() || shownAvailable[v] != last.available()) {
                wrong++;
            }
        }
        long[] all = new long[buckets];
        double worst = 0;
        for (short[] viewer : staleness) {
            for (int b = 0; b < buckets; b++) {
                all[b] += viewer[b];
            }
            worst = Math.max(worst, percentile(viewer, 0.99));
        }
        // The most posts in any window of one second (not only in whole seconds of the clock).
        int maxPerSecond = 0;
        for (int from = 0, to = 0; to < postTimes.size(); to++) {
            while (postTimes.get(to) - postTimes.get(from) >= SECOND) {
                from++;
            }
            maxPerSecond = Math.max(maxPerSecond, to - from + 1);
        }
        long posts = postsPerSecond.values().stream().mapToLong(c -> c[0]).sum();
        return new Outcome(viewerCount, budget, sequence[0] - 1, maxPerSecond, stock.maxItemWritesInASecond(),
                percentile(all, 0.50), percentile(all, 0.99), worst, wrong, consumerFailures[0], posts);
    }

    /** The upper edge, in seconds, of the 10 ms bucket holding the given share of the samples. */
    private static double percentile(short[] buckets, double share) {
        long[] counts = new long[buckets.length];
        Arrays.setAll(counts, i -> buckets[i]);
        return percentile(counts, share);
    }

    private static double percentile(long[] buckets, double share) {
        long total = Arrays.stream(buckets).sum();
        long seen = 0;
        for (int b = 0; b < buckets.length; b++) {
            seen += buckets[b];
            if (seen >= Math.ceil(share * total)) {
                return (b + 1) * 0.010;
            }
        }
        return buckets.length * 0.010;
    }
}
