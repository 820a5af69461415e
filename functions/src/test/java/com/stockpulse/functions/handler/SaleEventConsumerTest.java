package com.stockpulse.functions.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.stockpulse.functions.stock.StockApplier;
import com.stockpulse.functions.store.ApplyResult;
import com.stockpulse.functions.store.StockStore;
import com.stockpulse.functions.store.StoreUnavailableException;
import com.stockpulse.functions.store.memory.InMemoryStockStore;
import com.stockpulse.functions.testing.Fixtures;
import com.stockpulse.functions.testing.Kinesis;
import com.stockpulse.model.Limits;
import com.stockpulse.model.SaleEvent;
import com.stockpulse.model.StockLevel;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SaleEventConsumerTest {

    private final InMemoryStockStore stock = new InMemoryStockStore();

    private SaleEventConsumer consumerOn(StockStore store) {
        return new SaleEventConsumer(new StockApplier(store, Clock.systemUTC()));
    }

    private static List<String> failures(StreamsEventResponse response) {
        return response.getBatchItemFailures().stream().map(StreamsEventResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    @Test
    void handleRequest_whenFixtureBatch_appliesValidEventsSkipsMalformedAndRejectsOversell() {
        StreamsEventResponse response = consumerOn(stock).handleRequest(Fixtures.kinesis("kinesis-sales.json"), null);

        assertThat(failures(response)).isEmpty();
        // SET 10, SALE 3, (not JSON), SALE 2, (REFUND), RESTOCK 20, SALE 100 refused: 10-3-2+20 = 25 in 4 changes.
        assertThat(stock.get("sku-123")).get().extracting(StockLevel::available, StockLevel::version)
                .containsExactly(25L, 4L);
    }

    @Test
    void handleRequest_whenSameBatchDeliveredTwice_stockIsAsIfDeliveredOnce() {
        SaleEventConsumer consumer = consumerOn(stock);

        consumer.handleRequest(Fixtures.kinesis("kinesis-sales.json"), null);
        StreamsEventResponse again = consumer.handleRequest(Fixtures.kinesis("kinesis-sales.json"), null);

        assertThat(failures(again)).isEmpty();
        assertThat(stock.get("sku-123")).get().extracting(StockLevel::available, StockLevel::version)
                .containsExactly(25L, 4L);
    }

    @ParameterizedTest(name = "failure at record {0} of 6")
    @ValueSource(ints = {0, 3, 5})
    void handleRequest_whenTemporaryFailureAtRecordK_reportsKAndAppliesEarlierRecordsOnce(int k) {
        List<String> payloads = new ArrayList<>();
        payloads.add(event("seed", "SET", 100));
        IntStream.range(1, 6).forEach(i -> payloads.add(event("sale-" + i, "SALE", i)));
        FlakyStore flaky = new FlakyStore(stock, k == 0 ? "seed" : "sale-" + k);
        SaleEventConsumer consumer = consumerOn(flaky);

        StreamsEventResponse first = consumer.handleRequest(Kinesis.batch(0, payloads), null);

        assertThat(failures(first)).containsExactly(Kinesis.sequenceNumber(k));
        for (int i = 0; i < 6; i++) {
            String id = i == 0 ? "seed" : "sale-" + i;
            assertThat(flaky.applied(id)).as(id).isEqualTo(i < k ? 1 : 0);
        }

        // Lambda retries from record k on; the store has recovered.
        flaky.heal();
        StreamsEventResponse retry = consumer.handleRequest(Kinesis.batch(k, payloads.subList(k, 6)), null);
        // And a careless replay of the whole batch changes nothing either.
        consumer.handleRequest(Kinesis.batch(0, payloads), null);

        assertThat(failures(retry)).isEmpty();
        for (String id : List.of("seed", "sale-1", "sale-2", "sale-3", "sale-4", "sale-5")) {
            assertThat(flaky.applied(id)).as(id).isEqualTo(1);
        }
        assertThat(stock.get("sku-k")).get().extracting(StockLevel::available, StockLevel::version)
                .containsExactly(100L - 15, 6L);
    }

    @Test
    void handleRequest_whenEveryRecordIsBad_skipsThemAllWithoutFailingTheBatchOrWriting() {
        KinesisEvent event = Kinesis.batch(0, List.of(
                "",
                "not json",
                "[]",
                "{\"eventId\":\"e1\"}",
                "{\"eventId\":\"e2\",\"type\":\"SALE\",\"sku\":\"sku-1\",\"quantity\":\"2\",\"occurredAt\":\"2026-11-22T10:00:00Z\",\"source\":\"t\"}",
                "{\"eventId\":\"e3\",\"type\":\"SALE\",\"sku\":\"bad sku\",\"quantity\":2,\"occurredAt\":\"2026-11-22T10:00:00Z\",\"source\":\"t\"}",
                event("e4", "SALE", 1).replace("\"t\"", "\"" + "x".repeat(Limits.MAX_SALE_EVENT_BYTES) + "\"")));
        event.getRecords().get(0).getKinesis().setData(null);

        StreamsEventResponse response = consumerOn(stock).handleRequest(event, null);

        assertThat(failures(response)).isEmpty();
        assertThat(stock.getAll(List.of("sku-1", "sku-k"))).isEmpty();
    }

    @Test
    void handleRequest_whenEventOrRecordsAreMissing_answersEmptyWithoutThrowing() {
        KinesisEvent noRecords = new KinesisEvent();
        KinesisEvent noKinesisPart = Kinesis.batch(0, List.of(event("e1", "SET", 1)));
        noKinesisPart.getRecords().getFirst().setKinesis(null);

        assertThat(failures(consumerOn(stock).handleRequest(null, null))).isEmpty();
        assertThat(failures(consumerOn(stock).handleRequest(noRecords, null))).isEmpty();
        assertThat(failures(consumerOn(stock).handleRequest(noKinesisPart, null))).isEmpty();
        assertThat(stock.get("sku-k")).isEmpty();
    }

    @Test
    void handleRequest_leavesRecordDataUnread_soTheSameEventObjectCanBeRedelivered() {
        KinesisEvent event = Kinesis.batch(0, List.of(event("e1", "RESTOCK", 4)));
        ByteBuffer data = event.getRecords().getFirst().getKinesis().getData();
        int size = data.remaining();

        consumerOn(stock).handleRequest(event, null);
        consumerOn(stock).handleRequest(event, null);

        assertThat(data.remaining()).isEqualTo(size);
        assertThat(stock.get("sku-k")).get().extracting(StockLevel::available, StockLevel::version).containsExactly(4L, 1L);
    }

    private static String event(String id, String type, int quantity) {
        return "{\"eventId\":\"" + id + "\",\"type\":\"" + type + "\",\"sku\":\"sku-k\",\"quantity\":" + quantity
                + ",\"occurredAt\":\"2026-11-22T10:00:00Z\",\"source\":\"t\"}";
    }

    /** Fails with a temporary error for one event id until healed, and counts what each event changed. */
    private static final class FlakyStore implements StockStore {
        private final StockStore delegate;
        private final Map<String, AtomicInteger> applied = new ConcurrentHashMap<>();
        private volatile String failingEventId;

        FlakyStore(StockStore delegate, String failingEventId) {
            this.delegate = delegate;
            this.failingEventId = failingEventId;
        }

        void heal() {
            failingEventId = null;
        }

        int applied(String eventId) {
            return applied.getOrDefault(eventId, new AtomicInteger()).get();
        }

        @Override
        public ApplyResult apply(SaleEvent event, Instant now) {
            if (event.eventId().equals(failingEventId)) {
                throw new StoreUnavailableException("ThrottlingException (test)", null);
            }
            ApplyResult result = delegate.apply(event, now);
            if (result instanceof ApplyResult.Applied) {
                applied.computeIfAbsent(event.eventId(), id -> new AtomicInteger()).incrementAndGet();
            }
            return result;
        }

        @Override
        public Optional<StockLevel> get(String sku) {
            return delegate.get(sku);
        }

        @Override
        public List<StockLevel> getAll(Collection<String> skus) {
            return delegate.getAll(skus);
        }

        @Override
        public Optional<ApplyResult> outcomeOf(String eventId) {
            return delegate.outcomeOf(eventId);
        }
    }
}
