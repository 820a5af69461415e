package com.stockpulse.functions.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import com.stockpulse.functions.messaging.ConnectionMessenger;
import com.stockpulse.functions.messaging.InMemoryConnectionMessenger;
import com.stockpulse.functions.messaging.PostStatus;
import com.stockpulse.functions.store.CatalogStore;
import com.stockpulse.functions.store.Connection;
import com.stockpulse.functions.store.ConnectionStore;
import com.stockpulse.functions.store.memory.InMemoryCatalogStore;
import com.stockpulse.functions.store.memory.InMemoryConnectionStore;
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
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StockFanOutTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:15:30Z");
    private static final PageKey PRODUCT_A = PageKey.product("sku-a");

    private final InMemoryConnectionStore connections = new InMemoryConnectionStore();
    private final InMemoryCatalogStore catalog = new InMemoryCatalogStore();

    private StockFanOut fanOut(ConnectionMessenger messenger, FanOutSettings settings) {
        return fanOut(catalog, connections, messenger, settings);
    }

    private static StockFanOut fanOut(CatalogStore catalog, ConnectionStore connections, ConnectionMessenger messenger,
                                      FanOutSettings settings) {
        return new StockFanOut(new PageDirectory(catalog), connections, messenger, settings,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private List<String> connect(PageKey page, int count, String prefix) {
        List<String> ids = IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
        ids.forEach(id -> connections.add(new Connection(id, page, NOW, NOW.plusSeconds(7200))));
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
    void fanOut_whenApiThrottlesOneCallInFive_everyViewerStillGetsTheMessageBeforeTheDeadline() {
        List<String> viewers = connect(PRODUCT_A, 1_000, "c");
        InMemoryConnectionMessenger messenger = InMemoryConnectionMessenger.throttling(0.2);

        FanOutReport report = fanOut(messenger, new FanOutSettings(32, Duration.ofSeconds(20), Duration.ofMillis(5),
                Duration.ofMillis(200))).fanOut(List.of(change("1", "sku-a", 7, 3)));

        assertThat(messenger.throttledCalls()).isGreaterThan(100);
        assertThat(report.retries()).isEqualTo(messenger.throttledCalls());
        assertThat(report.delivered()).isEqualTo(1_000);
        assertThat(report.failedSequenceNumbers()).isEmpty();
        viewers.forEach(id -> assertThat(messenger.messagesTo(id)).as(id).containsExactly(expectedFrame("sku-a", 7, 3)));
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
    void fanOut_whenOneViewerIsThrottledPastTheDeadline_reportsOnlyItsSkusRecords() {
        connect(PRODUCT_A, 10, "a");
        connect(PageKey.product("sku-b"), 10, "b");
        connections.add(new Connection("stuck", PRODUCT_A, NOW, NOW.plusSeconds(7200)));
        InMemoryConnectionMessenger twin = InMemoryConnectionMessenger.create();
        ConnectionMessenger messenger = (id, payload) -> id.equals("stuck") ? PostStatus.THROTTLED : twin.post(id, payload);

        FanOutReport report = fanOut(messenger, new FanOutSettings(4, Duration.ofMillis(300), Duration.ofMillis(10),
                Duration.ofMillis(50))).fanOut(List.of(change("1", "sku-a", 1, 2), change("2", "sku-b", 5, 6),
                change("3", "sku-a", 0, 3)));

        assertThat(report.failedSequenceNumbers()).containsExactlyInAnyOrder("1", "3");
        assertThat(report.delivered()).isEqualTo(20);
        assertThat(report.unfinished()).isEqualTo(1);
    }

    @Test
    void fanOut_whenOneViewerHangs_theOthersAreServedAndTheCallReturnsAfterTheDeadline() {
        connect(PRODUCT_A, 200, "c");
        connections.add(new Connection("hanging", PRODUCT_A, NOW, NOW.plusSeconds(7200)));
        InMemoryConnectionMessenger twin = InMemoryConnectionMessenger.create();
        ConnectionMessenger messenger = (id, payload) -> {
            if (id.equals("hanging")) {
                try {
                    Thread.sleep(Duration.ofSeconds(30));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return PostStatus.TEMPORARY_FAILURE;
            }
            return twin.post(id, payload);
        };

        long started = System.nanoTime();
        FanOutReport report = fanOut(messenger, FanOutSettings.of(4, Duration.ofMillis(500)))
                .fanOut(List.of(change("1", "sku-a", 1, 2)));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(twin.recipients()).hasSize(200);
        assertThat(report.failedSequenceNumbers()).containsExactly("1");
        assertThat(took).isLessThan(Duration.ofSeconds(10));
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
