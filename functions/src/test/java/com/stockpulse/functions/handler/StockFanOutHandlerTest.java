package com.stockpulse.functions.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stockpulse.functions.broadcast.FanOutSettings;
import com.stockpulse.functions.broadcast.StockFanOut;
import com.stockpulse.functions.events.BatchResponse;
import com.stockpulse.functions.events.StreamEventMalformedException;
import com.stockpulse.functions.messaging.InMemoryConnectionMessenger;
import com.stockpulse.functions.store.Connection;
import com.stockpulse.functions.store.ConnectionStore;
import com.stockpulse.functions.store.PageDirectory;
import com.stockpulse.functions.store.memory.InMemoryCatalogStore;
import com.stockpulse.functions.store.memory.InMemoryConnectionStore;
import com.stockpulse.functions.testing.Fixtures;
import com.stockpulse.functions.testing.Invoke;
import com.stockpulse.functions.testing.Unavailable;
import com.stockpulse.model.PageKey;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StockFanOutHandlerTest {

    private static final Instant NOW = Instant.now();

    private final InMemoryConnectionStore connections = new InMemoryConnectionStore();
    private final InMemoryConnectionMessenger messenger = InMemoryConnectionMessenger.create();

    private StockFanOutHandler handlerOn(ConnectionStore store) {
        var stock = new com.stockpulse.functions.store.memory.InMemoryStockStore();
        return new StockFanOutHandler(new StockFanOut(new PageDirectory(new InMemoryCatalogStore()), store, stock, stock,
                messenger, FanOutSettings.of(8, Duration.ofSeconds(5)), Clock.systemUTC()), Invocations.PLAIN);
    }

    private void connect(String id, String page) {
        connections.add(new Connection(id, PageKey.parse(page), NOW, NOW.plusSeconds(7200)));
    }

    private static List<String> failures(BatchResponse response) {
        return response.failedSequenceNumbers();
    }

    @Test
    void handleRequest_whenFixture_sendsNewestVersionPerSkuAndSkipsRemovesAndForeignImages() {
        connect("viewer-123", "/products/sku-123");
        connect("viewer-456", "/products/sku-456");
        connect("viewer-789", "/products/sku-789");
        connect("viewer-bad", "/products/sku-bad");

        BatchResponse response = Invoke.stream(handlerOn(connections), Fixtures.json("dynamodb-stock-changes.json"));

        assertThat(failures(response)).isEmpty();
        assertThat(messenger.messagesTo("viewer-123")).containsExactly(
                "{\"type\":\"stock\",\"sku\":\"sku-123\",\"available\":5,\"version\":3,\"updatedAt\":\"2026-11-22T10:15:32Z\"}");
        assertThat(messenger.messagesTo("viewer-456")).containsExactly(
                "{\"type\":\"stock\",\"sku\":\"sku-456\",\"available\":0,\"version\":9,\"updatedAt\":\"2026-11-22T10:15:31Z\"}");
        assertThat(messenger.messagesTo("viewer-789")).isEmpty();
        assertThat(messenger.messagesTo("viewer-bad")).isEmpty();
    }

    @Test
    void handleRequest_whenConnectionsCannotBeRead_reportsEveryRecordOfTheAffectedSkus() {
        BatchResponse response = Invoke.stream(handlerOn(Unavailable.connectionStore()),
                Fixtures.json("dynamodb-stock-changes.json"));

        assertThat(failures(response)).containsExactlyInAnyOrder(
                "100000000000000000001", "100000000000000000002", "100000000000000000004", "100000000000000000003");
    }

    @Test
    void handleRequest_whenEventIsEmptyOrNull_answersNoFailures() {
        assertThat(failures(Invoke.stream(handlerOn(connections), new byte[0]))).isEmpty();
        assertThat(failures(Invoke.stream(handlerOn(connections), "{}".getBytes(StandardCharsets.UTF_8)))).isEmpty();
        assertThat(failures(Invoke.stream(handlerOn(connections),
                "{\"Records\":[null,{\"eventName\":\"MODIFY\"}]}".getBytes(StandardCharsets.UTF_8)))).isEmpty();
        assertThat(messenger.calls()).isZero();
    }

    @Test
    void handleRequest_whenTheEventIsNotADynamoDbStreamsBatch_throwsSayingSo_andPostsNothing() {
        for (String event : List.of("not json", "{\"Records\": \"x\"}", "{\"Records\": [{\"dynamodb\": 7}]}",
                "{\"Records\": [{\"dynamodb\": {\"NewImage\": {\"sku\": \"sku-1\"}}}]}")) {
            assertThatThrownBy(() -> Invoke.stream(handlerOn(connections), event.getBytes(StandardCharsets.UTF_8)))
                    .as(event).isInstanceOf(StreamEventMalformedException.class)
                    .hasMessageContaining("not a DynamoDB Streams batch");
        }
        assertThat(messenger.calls()).isZero();
    }
}
