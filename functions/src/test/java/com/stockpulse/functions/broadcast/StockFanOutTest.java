package com.stockpulse.functions.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import com.stockpulse.functions.messaging.ConnectionMessenger;
import com.stockpulse.functions.messaging.InMemoryConnectionMessenger;
import com.stockpulse.functions.messaging.PostStatus;
import com.stockpulse.functions.messaging.PostingOnly;
import com.stockpulse.functions.store.CatalogStore;
import com.stockpulse.functions.store.Connection;
import com.stockpulse.functions.store.ConnectionStore;
import com.stockpulse.functions.store.PageDirectory;
import com.stockpulse.functions.store.memory.InMemoryCatalogStore;
import com.stockpulse.functions.store.memory.InMemoryConnectionStore;
import com.stockpulse.functions.store.memory.InMemoryStockStore;
import com.stockpulse.functions.testing.Unavailable;
import com.stockpulse.model.Json;
import com.stockpulse.model.PageKey;
import com.stockpulse.model.StockLevel;
import com.stockpulse.model.StockMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class StockFanOutTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:15:30Z");
    private static final PageKey PRODUCT_A = PageKey.product("sku-a");

    private final InMemoryConnectionStore connections = new InMemoryConnectionStore();
    private final InMemoryCatalogStore catalog = new InMemoryCatalogStore();
    private final InMemoryStockStore stock = new InMemoryStockStore();
    /** The stock table's stream: here, the records of the fan-out's own progress writes. */
    private final List<StockChange> stream = new ArrayList<>();

    StockFanOutTest() {
        stock.onWrite(level -> stream.add(new StockChange("p" + stream.size(), level)));
    }

    private StockFanOut fanOut(ConnectionMessenger messenger, FanOutSettings settings) {
        return fanOut(catalog, connections, messenger, settings);
    }

    private StockFanOut fanOut(CatalogStore catalog, ConnectionStore connections, ConnectionMessenger messenger,
                               FanOutSettings settings) {
        return new StockFanOut(new PageDirectory(catalog), connections, stock, stock, messenger, settings,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** A change whose row is in the table, so that the fan-out can keep progress on it. */
    private StockChange written(String sequenceNumber, String sku, long available, long version) {
        stock.seed(new StockLevel(sku, available, version, NOW));
        return change(sequenceNumber, sku, available, version);
    }

    /** One worker, 100 posts a second, a 1 s deadline, on simulated time: 100 viewers per invocation. */
    private StockFanOut hundredPostsASecondForOneSecond(ConnectionMessenger messenger) {
        SimulatedTime time = new SimulatedTime();
        return new StockFanOut(new PageDirectory(catalog), connections, stock, stock, messenger,
                FanOutSettings.of(1, Duration.ofSeconds(1)).withPostsPerSecond(100), time.clock(), time);
    }

    /** Takes the stream's records so far, as the mapping's next batch would. */
    private List<StockChange> nextBatch() {
        List<StockChange> batch = List.copyOf(stream);
        stream.clear();
        return batch;
    }

    private List<String> connect(PageKey page, int count, String prefix) {
        List<String> ids = IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
        // Connected a minute ago: past $connect, so a 410 means gone.
        ids.forEach(id -> connections.add(new Connection(id, page, NOW.minusSeconds(60), NOW.plusSeconds(7200))));
        return ids;
    }

    private static StockChange change(String sequenceNumber, String sku, long available, long version) {
        return new StockChange(sequenceNumber, new StockLevel(sku, available, version, NOW));
    }

    private static String expectedFrame(String sku, long available, long version) {
        return new String(Json.toBytes(StockMessage.of(new StockLevel(sku, available, version, NOW))), StandardCharsets.UTF_8);
    }

    @Test
    void fanOut_whenFiftyOfAThousandViewersAreGone_deliversOnceToTheRestAndDeletesExactlyTheGone() {
        List<String> viewers = connect(PRODUCT_A, 1_000, "c");
        Set<String> gone = viewers.stream().filter(id -> Integer.parseInt(id.substring(1)) % 20 == 7)
                .collect(Collectors.toSet());
        InMemoryConnectionMessenger messenger = InMemoryConnectionMessenger.create();
        gone.forEach(messenger::markGone);

        FanOutReport report = fanOut(messenger, FanOutSettings.of(16, Duration.ofSeconds(10)))
                .fanOut(List.of(change("1", "sku-a", 7, 3)));

        assertThat(gone).hasSize(50);
        assertThat(report.delivered()).isEqualTo(950);
        assertThat(report.gone()).isEqualTo(50);
        assertThat(report.failedSequenceNumbers()).isEmpty();
        for (String id : viewers) {
            if (gone.contains(id)) {
                assertThat(connections.pagesOf(id)).as(id).isEmpty();
            } else {
                assertThat(messenger.messagesTo(id)).as(id).containsExactly(expectedFrame("sku-a", 7, 3));
                assertThat(connections.pagesOf(id)).as(id).containsExactly(PRODUCT_A);
            }
        }
        assertThat(connections.connectionsOn(PRODUCT_A, NOW)).hasSize(950);
    }

    @Test
    void fanOut_reportsItsLagFromTheOldestValue_andEveryAttemptAgainstTheBudget() {
        connect(PRODUCT_A, 10, "c");
        connections.add(new Connection("full-buffer", PRODUCT_A, NOW, NOW.plusSeconds(7200)));
        InMemoryConnectionMessenger twin = InMemoryConnectionMessenger.create();
        ConnectionMessenger messenger = PostingOnly.of((id, payload) ->
                id.equals("full-buffer") ? PostStatus.THROTTLED : twin.post(id, payload));
        StockChange written2sAgo = new StockChange("1", new StockLevel("sku-a", 4, 2, NOW.minusSeconds(2)));

        FanOutReport report = fanOut(messenger, FanOutSettings.of(4, Duration.ofSeconds(20)).withRetriesPerConnection(2)
                .withPostsPerSecond(100)).fanOut(List.of(written2sAgo));

        assertThat(report.lagMillis()).as("the clock is fixed at NOW: 2 s after the value was written").isEqualTo(2_000);
        assertThat(report.delivered()).isEqualTo(10);
        assertThat(report.retries() + report.skipped()).as("the stuck viewer's three attempts").isEqualTo(3);
        assertThat(report.budgetUsedPercent()).as("13 attempts, paced 10 ms apart, of 100 a second").isEqualTo(13.0);
    }

    @Test
    void fanOut_whenEveryViewersFirstPostIsThrottled_retriesEachOnceAndReachesAll() {
        List<String> viewers = connect(PRODUCT_A, 1_000, "c");
        InMemoryConnectionMessenger twin = InMemoryConnectionMessenger.create();
        Set<String> throttledOnce = java.util.concurrent.ConcurrentHashMap.newKeySet();
        ConnectionMessenger messenger = PostingOnly.of((id, payload) -> throttledOnce.add(id) ? PostStatus.THROTTLED : twin.post(id, payload));

        FanOutReport report = fanOut(messenger, FanOutSettings.of(32, Duration.ofSeconds(20)))
                .fanOut(List.of(change("1", "sku-a", 7, 3)));

        assertThat(report.retries()).isEqualTo(1_000);
        assertThat(report.delivered()).isEqualTo(1_000);
        assertThat(report.failedSequenceNumbers()).isEmpty();
        viewers.forEach(id -> assertThat(twin.messagesTo(id)).as(id).containsExactly(expectedFrame("sku-a", 7, 3)));
    }

    @Test
    void fanOut_whenOneViewerIsAlwaysThrottled_skipsItAfterItsRetriesWithoutFailingTheSku() {
        connect(PRODUCT_A, 20, "a");
        connections.add(new Connection("full-buffer", PRODUCT_A, NOW, NOW.plusSeconds(7200)));
        InMemoryConnectionMessenger twin = InMemoryConnectionMessenger.create();
        java.util.concurrent.atomic.AtomicInteger stuckCalls = new java.util.concurrent.atomic.AtomicInteger();
        ConnectionMessenger messenger = PostingOnly.of((id, payload) -> {
            if (id.equals("full-buffer")) {
                stuckCalls.incrementAndGet();
                return PostStatus.THROTTLED;
            }
            return twin.post(id, payload);
        });

        FanOutReport report = fanOut(messenger, FanOutSettings.of(4, Duration.ofSeconds(20)).withRetriesPerConnection(2))
                .fanOut(List.of(change("1", "sku-a", 1, 2)));

        assertThat(stuckCalls).hasValue(3);
        assertThat(report.skipped()).isEqualTo(1);
        assertThat(report.delivered()).isEqualTo(20);
        assertThat(report.failedSequenceNumbers()).isEmpty();
    }

    @Test
    void fanOut_whenAViewerIsStillOpening_asksItAgainHalfASecondLaterAfterEveryoneElse_andKeepsItsRows() {
        // Its $connect began 5 s ago: DynamoDB took that long to write its rows, and the socket opens only now.
        connections.add(new Connection("arriving", PRODUCT_A, NOW.minusSeconds(5), NOW.plusSeconds(7200)));
        connect(PRODUCT_A, 5, "c");
        InMemoryConnectionMessenger twin = InMemoryConnectionMessenger.create();
        java.util.concurrent.atomic.AtomicBoolean open = new java.util.concurrent.atomic.AtomicBoolean();
        // 410 until the socket opens, as API Gateway answers during $connect; it opens before the second try.
        ConnectionMessenger messenger = PostingOnly.of((id, payload) -> !id.equals("arriving") || open.getAndSet(true)
                ? twin.post(id, payload) : PostStatus.GONE);
        StockFanOut fanOut = fanOut(messenger, FanOutSettings.of(4, Duration.ofSeconds(5)));

        long started = System.nanoTime();
        FanOutReport report = fanOut.fanOut(List.of(written("1", "sku-a", 3, 4)));

        assertThat(report.delivered()).isEqualTo(6);
        assertThat(report.gone()).isZero();
        assertThat(report.unfinished()).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
        assertThat(connections.pagesOf("arriving")).containsExactly(PRODUCT_A);
        assertThat(twin.messagesTo("arriving")).containsExactly(expectedFrame("sku-a", 3, 4));
        assertThat(twin.messagesTo("c0")).as("no second copy for the others").hasSize(1);
        assertThat(stream).as("nothing carried on").isEmpty();
    }

    @Test
    void fanOut_whenAViewerJustConnectedIsGone_deletesItsRowsOnItsSecond410HalfASecondLater() {
        connect(PRODUCT_A, 3, "c");
        // Connected a moment ago and killed before its $disconnect (best effort on AWS) could run.
        connections.add(new Connection("killed", PRODUCT_A, NOW.minusSeconds(2), NOW.plusSeconds(7200)));
        InMemoryConnectionMessenger messenger = InMemoryConnectionMessenger.create();
        messenger.markGone("killed");
        StockFanOut fanOut = fanOut(messenger, FanOutSettings.of(2, Duration.ofSeconds(5)));

        FanOutReport report = fanOut.fanOut(List.of(written("1", "sku-a", 3, 4)));

        assertThat(report.gone()).isEqualTo(1);
        assertThat(report.delivered()).isEqualTo(3);
        assertThat(connections.pagesOf("killed")).isEmpty();
        assertThat(connections.connectionsOn(PRODUCT_A, NOW)).containsExactlyInAnyOrder("c0", "c1", "c2");
    }

    @Test
    void fanOut_whenPostingToAViewerKeepsThrowing_carriesItOnceThenSkipsIt_soTheFanOutIsNotBroughtBackForEver() {
        connect(PRODUCT_A, 3, "c");
        InMemoryConnectionMessenger twin = InMemoryConnectionMessenger.create();
        ConnectionMessenger messenger = PostingOnly.of((id, payload) -> {
            if (id.equals("c1")) {
                throw new IllegalStateException("a row this code never wrote (test)");
            }
            return twin.post(id, payload);
        });
        StockFanOut fanOut = fanOut(messenger, FanOutSettings.of(1, Duration.ofSeconds(5)));

        FanOutReport first = fanOut.fanOut(List.of(written("1", "sku-a", 3, 4)));
        FanOutReport second = fanOut.fanOut(nextBatch());

        assertThat(first.unfinished()).isEqualTo(1);
        assertThat(second.skipped()).isEqualTo(1);
        assertThat(stock.progressOf("sku-a").pending()).isFalse();
        assertThat(fanOut.fanOut(nextBatch()).connections()).isZero();
        assertThat(stream).isEmpty();
    }

    @Test
    void fanOut_whenAGoneViewersConnectionRowIsMissing_deletesItsPageRowAtOnce() {
        connect(PRODUCT_A, 3, "c");
        // $connect answered 503 after BatchWriteItem wrote only the page row.
        connections.addPageRowOnly(new Connection("orphan", PRODUCT_A, NOW.minusSeconds(60), NOW.plusSeconds(7200)));
        InMemoryConnectionMessenger messenger = InMemoryConnectionMessenger.create();
        messenger.markGone("orphan");

        FanOutReport report = fanOut(messenger, FanOutSettings.of(2, Duration.ofSeconds(5)))
                .fanOut(List.of(change("1", "sku-a", 3, 4)));

        assertThat(report.gone()).isEqualTo(1);
        assertThat(connections.connectionsOn(PRODUCT_A, NOW)).containsExactlyInAnyOrder("c0", "c1", "c2");
    }

    @Test
    void fanOut_whenBatchHoldsSeveralVersionsOfASku_sendsOnlyTheNewestOnce() {
        List<String> viewers = connect(PRODUCT_A, 3, "c");
        InMemoryConnectionMessenger messenger = InMemoryConnectionMessenger.create();

        FanOutReport report = fanOut(messenger, FanOutSettings.of(4, Duration.ofSeconds(5))).fanOut(List.of(
                change("1", "sku-a", 9, 3), change("2", "sku-a", 7, 5), change("3", "sku-a", 8, 4)));

        assertThat(report.skus()).isEqualTo(1);
        viewers.forEach(id -> assertThat(messenger.messagesTo(id)).containsExactly(expectedFrame("sku-a", 7, 5)));
    }

    @Test
    void fanOut_reachesProductAndListingPagesOfTheSkuOnly() {
        PageKey summer = PageKey.collection("summer");
        PageKey winter = PageKey.collection("winter");
        catalog.register(summer, "sku-a");
        catalog.register(winter, "sku-b");
        connect(PRODUCT_A, 2, "product-a-");
        connect(PageKey.product("sku-b"), 2, "product-b-");
        connect(summer, 2, "summer-");
        connect(winter, 2, "winter-");
        InMemoryConnectionMessenger messenger = InMemoryConnectionMessenger.create();

        fanOut(messenger, FanOutSettings.of(4, Duration.ofSeconds(5))).fanOut(List.of(change("1", "sku-a", 1, 2)));

        assertThat(messenger.recipients()).containsExactlyInAnyOrder("product-a-0", "product-a-1", "summer-0", "summer-1");
    }

    @Test
    void fanOut_whenTheBudgetCannotReachEveryoneBeforeTheDeadline_servesSmallAudiencesFirstAndCarriesTheRestOn() {
        List<String> a = connect(PRODUCT_A, 500, "a");
        connect(PageKey.product("sku-b"), 10, "b");
        InMemoryConnectionMessenger messenger = InMemoryConnectionMessenger.create();
        StockFanOut fanOut = hundredPostsASecondForOneSecond(messenger);

        FanOutReport report = fanOut.fanOut(List.of(written("1", "sku-a", 1, 2), written("2", "sku-b", 5, 6),
                written("3", "sku-a", 0, 3)));

        assertThat(report.delivered()).isBetween(100L, 101L);
        assertThat(messenger.recipients()).contains("b0", "b9");
        assertThat(report.failedSequenceNumbers()).as("a large audience fails no record").isEmpty();
        assertThat(report.unfinished()).isEqualTo(510 - report.delivered());
        assertThat(report.conflated()).isEqualTo(1);
        assertThat(stock.progressOf("sku-a").pending()).isTrue();

        // Each progress record brings the fan-out back, until the broadcast is done: 5 s at 100 posts/s.
        int invocations = 1;
        for (List<StockChange> batch = nextBatch(); !batch.isEmpty(); batch = nextBatch()) {
            assertThat(fanOut.fanOut(batch).failedSequenceNumbers()).isEmpty();
            invocations++;
        }
        assertThat(invocations).isBetween(6, 7);
        a.forEach(id -> assertThat(messenger.messagesTo(id)).as(id).containsExactly(expectedFrame("sku-a", 0, 3)));
        assertThat(stock.progressOf("sku-a").pending()).isFalse();
    }

    @Test
    void fanOut_whenANewerValueArrivesWhileABroadcastIsCarried_sendsItToTheWholeRingFromWhereItStopped() {
        List<String> a = connect(PRODUCT_A, 300, "a");
        InMemoryConnectionMessenger messenger = InMemoryConnectionMessenger.create();
        StockFanOut fanOut = hundredPostsASecondForOneSecond(messenger);
        fanOut.fanOut(List.of(written("1", "sku-a", 9, 2)));
        String stoppedAt = stock.progressOf("sku-a").from();
        assertThat(stoppedAt).isNotNull();

        // The sale goes on: the consumer writes version 3 (keeping the progress), its record follows the fan-out's.
        List<StockChange> batch = new ArrayList<>(nextBatch());
        stock.seed(new StockLevel("sku-a", 8, 3, NOW));
        batch.add(change("4", "sku-a", 8, 3));
        fanOut.fanOut(batch);
        assertThat(messenger.messagesTo(stoppedAt)).as("version 3 starts where version 2 stopped")
                .containsExactly(expectedFrame("sku-a", 8, 3));
        for (batch = nextBatch(); !batch.isEmpty(); batch = nextBatch()) {
            fanOut.fanOut(batch);
        }

        a.forEach(id -> assertThat(messenger.messagesTo(id)).as(id).endsWith(expectedFrame("sku-a", 8, 3))
                .hasSizeLessThanOrEqualTo(2));
        assertThat(messenger.calls()).as("version 2 to the first 100 or so, version 3 to all 300").isBetween(400L, 401L);
    }

    @Test
    void fanOut_whenABatchIsDeliveredAgain_goesOnFromTheRowsProgressAndSendsNoSecondCopy() {
        List<String> a = connect(PRODUCT_A, 300, "a");
        InMemoryConnectionMessenger messenger = InMemoryConnectionMessenger.create();
        StockFanOut fanOut = hundredPostsASecondForOneSecond(messenger);
        List<StockChange> first = List.of(written("1", "sku-a", 9, 2));
        fanOut.fanOut(first);
        List<StockChange> continuation = nextBatch();
        fanOut.fanOut(continuation);

        // Both batches again (at least once delivery): each goes on from the row's progress, not the record's.
        assertThat(fanOut.fanOut(first).failedSequenceNumbers()).isEmpty();
        assertThat(fanOut.fanOut(continuation).failedSequenceNumbers()).isEmpty();

        assertThat(stock.progressOf("sku-a").pending()).isFalse();
        a.forEach(id -> assertThat(messenger.messagesTo(id)).as(id).containsExactly(expectedFrame("sku-a", 9, 2)));
    }

    @Test
    void fanOut_whenPostsHangPastTheDeadline_stopsItsWorkersBeforeReturningAndLeavesTheRestUnfinished()
            throws InterruptedException {
        connect(PRODUCT_A, 200, "c");
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger delivered = new java.util.concurrent.atomic.AtomicInteger();
        ConnectionMessenger messenger = PostingOnly.of((id, payload) -> {
            // The first 20 posts answer at once; the rest hang far past the deadline and its grace.
            if (calls.incrementAndGet() <= 20) {
                delivered.incrementAndGet();
                return PostStatus.DELIVERED;
            }
            try {
                Thread.sleep(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return PostStatus.TEMPORARY_FAILURE;
        });

        long started = System.nanoTime();
        FanOutReport report = fanOut(messenger, FanOutSettings.of(4, Duration.ofMillis(500)))
                .fanOut(List.of(written("1", "sku-a", 1, 2)));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        int callsAtReturn = calls.get();
        Thread.sleep(300);

        assertThat(calls).hasValue(callsAtReturn);
        assertThat(report.delivered()).isEqualTo(delivered.get()).isEqualTo(20);
        assertThat(report.skipped()).isZero();
        assertThat(report.unfinished()).as("the 4 hung posts and the 176 never started").isEqualTo(180);
        assertThat(report.failedSequenceNumbers()).isEmpty();
        assertThat(stock.progressOf("sku-a").owed()).hasSize(4);
        assertThat(took).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void postBudget_whenManyWorkersShareIt_noWindowOfOneSecondHoldsMoreThanTheBudget() throws Exception {
        PostBudget budget = PostBudget.perSecond(2_000, Ticker.system());
        java.util.concurrent.ConcurrentLinkedQueue<Long> granted = new java.util.concurrent.ConcurrentLinkedQueue<>();
        long deadline = System.nanoTime() + Duration.ofMillis(1_500).toNanos();
        List<Thread> workers = IntStream.range(0, 8).mapToObj(i -> Thread.ofVirtual().start(() -> {
            try {
                while (budget.acquire(deadline)) {
                    granted.add(System.nanoTime());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        })).toList();
        for (Thread worker : workers) {
            worker.join();
        }

        long[] times = granted.stream().mapToLong(Long::longValue).sorted().toArray();
        int most = 0;
        for (int first = 0, last = 0; last < times.length; last++) {
            while (times[last] - times[first] >= 1_000_000_000L) {
                first++;
            }
            most = Math.max(most, last - first + 1);
        }
        assertThat(times.length).isGreaterThan(2_000);
        // The budget lets no more than 2,000 go in any second. A worker notes its time just after it was let go, so a
        // window of noted times can also hold the one post per worker let go just before it: at most 8 more.
        assertThat(most).isLessThanOrEqualTo(2_000 + workers.size());
    }

    @Test
    void fanOut_workersLogWithTheInvocationsFields() {
        connect(PRODUCT_A, 40, "c");
        Set<String> seen = ConcurrentHashMap.newKeySet();
        InMemoryConnectionMessenger twin = InMemoryConnectionMessenger.create();
        ConnectionMessenger messenger = PostingOnly.of((id, payload) -> {
            seen.add(Thread.currentThread().getName() + "=" + MDC.get("function_request_id"));
            return twin.post(id, payload);
        });
        MDC.put("function_request_id", "request-7");
        try {
            fanOut(messenger, FanOutSettings.of(4, Duration.ofSeconds(20))).fanOut(List.of(change("1", "sku-a", 1, 2)));
        } finally {
            MDC.clear();
        }

        assertThat(seen).as("posts from the workers' threads, not the caller's").isNotEmpty()
                .allMatch(entry -> entry.startsWith("fanout-") && entry.endsWith("=request-7"));
    }

    @Test
    void postBudget_reportsTheShareLetGoInTheLastSecond() throws Exception {
        SimulatedTime time = new SimulatedTime();
        PostBudget budget = PostBudget.perSecond(10, time);
        for (int i = 0; i < 4; i++) {
            assertThat(budget.acquire(Long.MAX_VALUE)).isTrue();
        }

        assertThat(budget.usedPercent()).as("4 of 10, paced 100 ms apart").isEqualTo(40.0);
        time.sleepNanos(Duration.ofMillis(750).toNanos());
        assertThat(budget.usedPercent()).as("the first post left the window").isEqualTo(30.0);
        time.sleepNanos(Duration.ofSeconds(1).toNanos());
        assertThat(budget.usedPercent()).isZero();
        assertThat(PostBudget.unlimited().usedPercent()).isZero();
    }

    @Test
    void fanOut_whenConnectionsCannotBeRead_reportsThoseRecordsForRetry() {
        InMemoryConnectionMessenger messenger = InMemoryConnectionMessenger.create();

        FanOutReport report = fanOut(catalog, Unavailable.connectionStore(), messenger,
                FanOutSettings.of(4, Duration.ofSeconds(5))).fanOut(List.of(change("1", "sku-a", 1, 2)));

        assertThat(report.failedSequenceNumbers()).containsExactly("1");
        assertThat(messenger.calls()).isZero();
    }

    @Test
    void fanOut_whenNobodyWatches_succeedsWithoutPosting() {
        InMemoryConnectionMessenger messenger = InMemoryConnectionMessenger.create();

        FanOutReport report = fanOut(messenger, FanOutSettings.of(4, Duration.ofSeconds(5)))
                .fanOut(List.of(change("1", "sku-lonely", 1, 2)));

        assertThat(report.failedSequenceNumbers()).isEmpty();
        assertThat(messenger.calls()).isZero();
    }
}
