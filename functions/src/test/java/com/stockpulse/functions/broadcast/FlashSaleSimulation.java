package com.stockpulse.functions.broadcast;

import com.fasterxml.jackson.databind.JsonNode;
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
import com.stockpulse.model.FunctionSetting;
import com.stockpulse.model.Json;
import com.stockpulse.model.PageKey;
import com.stockpulse.model.SaleEvent;
import com.stockpulse.model.StockLevel;
import com.stockpulse.model.StreamMapping;
import java.io.IOException;
import java.io.UncheckedIOException;
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

/**
 * A flash sale at AWS scale, on the in-memory twins and simulated time: N viewers of one product page (one SKU) or of
 * one listing page (several SKUs), a sale of so many sales a second spread evenly over the SKUs, DynamoDB's 1,000
 * write units per item and second (500 transactional writes), and a post budget. The consumer runs as the Kinesis
 * mapping invokes it (up to a batch per invocation, back to back while records wait, else a poll every 100 ms); the
 * fan-out as the stock stream's mapping does: one invocation at a time on one shard (all the SKUs on it, the worst
 * case), the next batch of up to 100 records when it returns, records of the fan-out's own progress included.
 * Deterministic and fast.
 *
 * <p>Staleness of a viewer's SKU at time t: how long ago the table first moved past the version the viewer shows (0
 * when it shows the current one), sampled every 100 ms during the sale. Each viewer can get at most
 * budget / (viewers x SKUs) updates of each SKU a second, so staleness cannot stay below viewers x SKUs / budget
 * seconds: the lower bound is physics, not code.
 */
final class FlashSaleSimulation {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    /** Samples per viewer are kept in this many buckets (the last one holds everything beyond). */
    private static final int BUCKETS = 600;

    /** What to simulate. {@code skus} 1: a product page; more: a listing page showing them all. */
    record Scenario(int viewers, int skus, int budget, int salesPerSecond, int seconds, Duration deadline) {

        static Scenario productPage(int viewers, int budget) {
            return new Scenario(viewers, 1, budget, 2_000, 60, FunctionSetting.FANOUT_DEADLINE.defaultValue());
        }

        double floorSeconds() {
            return (double) viewers * skus / budget;
        }
    }

    /**
     * What one run saw. {@code longestInvocationSeconds}: the fan-out invocation that ran longest;
     * {@code longestRecordWaitSeconds}: the longest a stock record waited on the shard before an invocation took it
     * (the stream's iterator age); {@code failedRecords}: records any invocation reported as failed;
     * {@code unfinishedBroadcasts}: SKUs whose progress still owed someone at the end.
     */
    record Outcome(Scenario scenario, long sales, int maxPostsInASecond, int maxItemWritesInASecond,
                   double stalenessP50, double stalenessP99, double worstViewerP99, long viewersWrongAtEnd,
                   long consumerFailures, long posts, long invocations, double longestInvocationSeconds,
                   double longestRecordWaitSeconds, long failedRecords, long unfinishedBroadcasts,
                   double allExactAfterSaleSeconds) {
    }

    private FlashSaleSimulation() {
    }

    static Outcome run(Scenario scenario) {
        int viewerCount = scenario.viewers();
        int skuCount = scenario.skus();
        SimulatedTime time = new SimulatedTime();
        InMemoryStockStore stock = InMemoryStockStore.withItemWriteCap(500);
        StockApplier applier = new StockApplier(stock, time.clock());
        InMemoryConnectionStore connections = new InMemoryConnectionStore();
        InMemoryCatalogStore catalog = new InMemoryCatalogStore();
        String[] skus = new String[skuCount];
        Map<String, Integer> skuIndex = new HashMap<>();
        for (int k = 0; k < skuCount; k++) {
            skus[k] = skuCount == 1 ? "sku-hot" : "sku-drop-" + k;
            skuIndex.put(skus[k], k);
        }
        PageKey page = skuCount == 1 ? PageKey.product(skus[0]) : PageKey.collection("drop");
        if (skuCount > 1) {
            for (String sku : skus) {
                catalog.register(page, sku);
            }
        }

        // The stock stream: each record with the time it was written. Per SKU: when the table reached each version.
        Deque<long[]> streamTimes = new ArrayDeque<>();
        Deque<StockChange> stockStream = new ArrayDeque<>();
        List<List<Long>> versionTimes = new ArrayList<>();
        long[] tableVersion = new long[skuCount];
        long[] firstVersion = new long[skuCount];
        for (int k = 0; k < skuCount; k++) {
            versionTimes.add(new ArrayList<>());
        }
        long[] records = {0};
        stock.onWrite(level -> {
            stockStream.add(new StockChange(Long.toString(records[0]++), level));
            streamTimes.add(new long[] {time.nanoTime()});
            int k = skuIndex.get(level.sku());
            // The fan-out's progress writes put records on the stream too, without a new version.
            if (level.version() > tableVersion[k]) {
                if (versionTimes.get(k).isEmpty()) {
                    firstVersion[k] = level.version();
                }
                versionTimes.get(k).add(time.nanoTime());
                tableVersion[k] = level.version();
            }
        });

        // Viewers: index i is connection "v{i}" (connected a minute before the sale); what each shows of each SKU.
        long[] shownVersion = new long[viewerCount * skuCount];
        long[] shownAvailable = new long[viewerCount * skuCount];
        for (int i = 0; i < viewerCount; i++) {
            connections.add(new Connection("v" + i, page, time.instant().minusSeconds(60),
                    time.instant().plus(Duration.ofHours(2))));
        }
        Map<byte[], long[]> decoded = new IdentityHashMap<>();
        List<Long> postTimes = new ArrayList<>();
        ConnectionMessenger messenger = PostingOnly.of((id, payload) -> {
            long[] message = decoded.computeIfAbsent(payload, bytes -> {
                try {
                    JsonNode node = Json.mapper().readTree(bytes);
                    return new long[] {skuIndex.get(node.get("sku").asText()), node.get("version").asLong(),
                            node.get("available").asLong()};
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            int slot = Integer.parseInt(id, 1, id.length(), 10) * skuCount + (int) message[0];
            if (message[1] > shownVersion[slot]) {
                shownVersion[slot] = message[1];
                shownAvailable[slot] = message[2];
            }
            postTimes.add(time.nanoTime());
            return PostStatus.DELIVERED;
        });
        StockFanOut fanOut = new StockFanOut(new PageDirectory(catalog), connections, stock, stock, messenger,
                FanOutSettings.of(1, scenario.deadline()).withPostsPerSecond(scenario.budget()), time.clock(), time);

        // The sale: a seed per SKU, then the sales of one unit each, put every 10 ms, round-robin over the SKUs.
        long[] sequence = {0};
        Deque<SaleRecord> kinesis = new ArrayDeque<>();
        for (String sku : skus) {
            kinesis.add(record(new SaleEvent("seed-" + sku, EventType.SET, sku, 1_000_000, time.instant(), "sim"),
                    sequence));
        }
        long end = scenario.seconds() * SECOND;
        int perTick = scenario.salesPerSecond() / 100;
        for (long t = 10 * MS; t <= end; t += 10 * MS) {
            time.schedule(t, () -> {
                for (int i = 0; i < perTick; i++) {
                    String sku = skus[(int) (sequence[0] % skuCount)];
                    kinesis.add(record(new SaleEvent("s" + sequence[0], EventType.SALE, sku, 1, time.instant(), "sim"),
                            sequence));
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

        long[] invocations = {0};
        long[] longestInvocation = {0};
        long[] longestWait = {0};
        long[] failedRecords = {0};
        Runnable[] broadcaster = new Runnable[1];
        broadcaster[0] = () -> {
            List<StockChange> batch = new ArrayList<>();
            while (batch.size() < StreamMapping.STOCK_CHANGES.batchSize() && !stockStream.isEmpty()) {
                batch.add(stockStream.poll());
                longestWait[0] = Math.max(longestWait[0], time.nanoTime() - streamTimes.poll()[0]);
            }
            if (!batch.isEmpty()) {
                long started = time.nanoTime();
                FanOutReport report = fanOut.fanOut(batch);   // moves simulated time as it spends its budget
                invocations[0]++;
                longestInvocation[0] = Math.max(longestInvocation[0], time.nanoTime() - started);
                failedRecords[0] += report.failedSequenceNumbers().size();
            }
            // DynamoDB Streams: a record is readable about a quarter of a second after its write.
            time.schedule(time.nanoTime() + (stockStream.isEmpty() ? 250 * MS : 0), broadcaster[0]);
        };
        time.schedule(0, broadcaster[0]);

        // Staleness samples every 100 ms in the sale, per viewer, in buckets sized to the scenario's floor.
        long bucketNanos = scenario.floorSeconds() < 5 ? 10 * MS : 100 * MS;
        short[][] staleness = new short[viewerCount][BUCKETS];
        long[] all = new long[BUCKETS];
        for (long t = SECOND; t <= end; t += 100 * MS) {
            time.schedule(t, () -> {
                long now = time.nanoTime();
                for (int v = 0; v < viewerCount; v++) {
                    for (int k = 0; k < skuCount; k++) {
                        long shown = shownVersion[v * skuCount + k];
                        long stale = shown >= tableVersion[k] ? 0
                                : now - versionTimes.get(k).get((int) (shown < firstVersion[k] ? 0 : shown - firstVersion[k] + 1));
                        int bucket = (int) Math.min(BUCKETS - 1, stale / bucketNanos);
                        staleness[v][bucket]++;
                        all[bucket]++;
                    }
                }
            });
        }
        // After the sale: when every viewer shows every SKU's last value.
        long[] allExactAt = {-1};
        Runnable[] exactness = new Runnable[1];
        exactness[0] = () -> {
            if (allExactAt[0] < 0 && wrong(stock, skus, shownVersion, shownAvailable, viewerCount) == 0) {
                allExactAt[0] = time.nanoTime();
            } else if (allExactAt[0] < 0) {
                time.schedule(time.nanoTime() + 100 * MS, exactness[0]);
            }
        };
        time.schedule(end + 100 * MS, exactness[0]);
        long tail = (long) Math.ceil(scenario.floorSeconds() * 3 + 10) * SECOND;
        time.runUntil(end + tail);

        double worst = 0;
        for (short[] viewer : staleness) {
            worst = Math.max(worst, percentile(viewer, 0.99, bucketNanos));
        }
        // The most posts in any window of one second (not only in whole seconds of the clock).
        int maxPerSecond = 0;
        for (int from = 0, to = 0; to < postTimes.size(); to++) {
            while (postTimes.get(to) - postTimes.get(from) >= SECOND) {
                from++;
            }
            maxPerSecond = Math.max(maxPerSecond, to - from + 1);
        }
        long unfinished = Arrays.stream(skus).filter(sku -> stock.progressOf(sku).pending()).count();
        return new Outcome(scenario, sequence[0] - skuCount, maxPerSecond, stock.maxItemWritesInASecond(),
                percentile(all, 0.50, bucketNanos), percentile(all, 0.99, bucketNanos), worst,
                wrong(stock, skus, shownVersion, shownAvailable, viewerCount), consumerFailures[0], postTimes.size(),
                invocations[0], longestInvocation[0] / (double) SECOND, longestWait[0] / (double) SECOND,
                failedRecords[0], unfinished, allExactAt[0] < 0 ? -1 : (allExactAt[0] - end) / (double) SECOND);
    }

    private static SaleRecord record(SaleEvent event, long[] sequence) {
        return new SaleRecord(Long.toString(sequence[0]++), event.toJsonBytes());
    }

    /** Viewer-SKU pairs not showing the table's value. */
    private static long wrong(InMemoryStockStore stock, String[] skus, long[] shownVersion, long[] shownAvailable,
                              int viewerCount) {
        long wrong = 0;
        for (int k = 0; k < skus.length; k++) {
            StockLevel last = stock.get(skus[k]).orElseThrow();
            for (int v = 0; v < viewerCount; v++) {
                int slot = v * skus.length + k;
                if (shownVersion[slot] != last.version() || shownAvailable[slot] != last.available()) {
                    wrong++;
                }
            }
        }
        return wrong;
    }

    /** The upper edge, in seconds, of the bucket holding the given share of the samples. */
    private static double percentile(short[] buckets, double share, long bucketNanos) {
        long[] counts = new long[buckets.length];
        Arrays.setAll(counts, i -> buckets[i]);
        return percentile(counts, share, bucketNanos);
    }

    private static double percentile(long[] buckets, double share, long bucketNanos) {
        long total = Arrays.stream(buckets).sum();
        long seen = 0;
        for (int b = 0; b < buckets.length; b++) {
            seen += buckets[b];
            if (seen >= Math.ceil(share * total)) {
                return (b + 1) * bucketNanos / (double) SECOND;
            }
        }
        return buckets.length * bucketNanos / (double) SECOND;
    }
}
