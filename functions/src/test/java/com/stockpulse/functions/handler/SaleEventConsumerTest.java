package com.stockpulse.functions.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stockpulse.functions.events.BatchResponse;
import com.stockpulse.functions.events.KinesisBatch;
import com.stockpulse.functions.events.StreamEventMalformedException;
import com.stockpulse.functions.sales.StockApplier;
import com.stockpulse.functions.store.ApplyResult;
import com.stockpulse.functions.store.StockCommit;
import com.stockpulse.functions.store.StockStore;
import com.stockpulse.functions.store.StoreUnavailableException;
import com.stockpulse.functions.store.memory.InMemoryStockStore;
import com.stockpulse.functions.testing.Fixtures;
import com.stockpulse.functions.testing.Invoke;
import com.stockpulse.functions.testing.Kinesis;
import com.stockpulse.model.Limits;
import com.stockpulse.model.StockLevel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
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

    private static final java.time.Instant NOW = java.time.Instant.parse("2026-11-22T10:15:30Z");
    /** A row's first version, taken from the clock at its creation. */
    private static final long FIRST_VERSION = StockLevel.firstVersion(NOW);

    private SaleEventConsumer consumerOn(StockStore store) {
        return new SaleEventConsumer(new StockApplier(store, Clock.fixed(NOW, java.time.ZoneOffset.UTC)), Invocations.PLAIN);
    }

    private static List<String> failures(BatchResponse response) {
        return response.failedSequenceNumbers();
    }

    @Test
    void handleRequest_whenFixtureBatch_appliesValidEventsSkipsMalformedAndRejectsOversell() {
        BatchResponse response = Invoke.stream(consumerOn(stock), Fixtures.json("kinesis-sales.json"));

        assertThat(failures(response)).isEmpty();
        // SET 10, SALE 3, (not JSON), SALE 2, (REFUND), RESTOCK 20, SALE 100 refused: 10-3-2+20 = 25 in one write.
        assertThat(stock.get("sku-123")).get().extracting(StockLevel::available, StockLevel::version)
                .containsExactly(25L, FIRST_VERSION);
        assertThat(stock.outcomeOf("evt-0006")).hasValueSatisfying(outcome -> assertThat(outcome)
                .isInstanceOf(ApplyResult.Rejected.class));
    }

    @Test
    void handleRequest_whenSameBatchDeliveredTwice_stockIsAsIfDeliveredOnce() {
        SaleEventConsumer consumer = consumerOn(stock);

        Invoke.stream(consumer, Fixtures.json("kinesis-sales.json"));
        BatchResponse again = Invoke.stream(consumer, Fixtures.json("kinesis-sales.json"));

        assertThat(failures(again)).isEmpty();
        assertThat(stock.get("sku-123")).get().extracting(StockLevel::available, StockLevel::version)
                .containsExactly(25L, FIRST_VERSION);
    }

    @ParameterizedTest(name = "write of {0} fails")
    @ValueSource(strings = {"sku-a", "sku-b"})
    void handleRequest_whenOneSkusWriteFails_reportsItsFirstRecordAndRetryAppliesEverythingOnce(String failingSku) {
        // Records of two SKUs interleave: a0 b0 a1 b1 a2 b2 ...; each SKU is one write.
        List<String> payloads = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String sku = i % 2 == 0 ? "sku-a" : "sku-b";
            payloads.add(i < 2 ? event(sku + "-seed", "SET", 100, sku) : event(sku + "-sale-" + i, "SALE", i, sku));
        }
        FlakyStore flaky = new FlakyStore(stock, failingSku);
        SaleEventConsumer consumer = consumerOn(flaky);

        BatchResponse first = Invoke.stream(consumer, Kinesis.batch(0, payloads));

        int failedIndex = failingSku.equals("sku-a") ? 0 : 1;
        assertThat(failures(first)).containsExactly(Kinesis.sequenceNumber(failedIndex));
        String other = failingSku.equals("sku-a") ? "sku-b" : "sku-a";
        assertThat(stock.get(other)).isPresent();
        assertThat(stock.get(failingSku)).isEmpty();

        // Lambda retries from the reported record on; the store has recovered.
        flaky.heal();
        BatchResponse retry = Invoke.stream(consumer, Kinesis.batch(failedIndex, payloads.subList(failedIndex, 6)));
        // And a careless replay of the whole batch changes nothing either.
        Invoke.stream(consumer, Kinesis.batch(0, payloads));

        assertThat(failures(retry)).isEmpty();
        assertThat(flaky.appliedCounts()).hasSize(6).allSatisfy((id, count) -> assertThat(count).as(id).hasValue(1));
        assertThat(stock.get("sku-a")).get().extracting(StockLevel::available).isEqualTo(100L - 2 - 4);
        assertThat(stock.get("sku-b")).get().extracting(StockLevel::available).isEqualTo(100L - 3 - 5);
    }

    @Test
    void handleRequest_whenSecondCommitOfAHotSkuFails_reportsTheFirstRecordOfThatCommit() {
        List<String> payloads = new ArrayList<>();
        payloads.add(event("seed", "SET", 1_000));
        IntStream.range(1, 150).forEach(i -> payloads.add(event("sale-" + i, "SALE", 1)));
        FlakyStore flaky = new FlakyStore(stock, "sku-k");
        flaky.failAfterCommits(1);

        BatchResponse response = Invoke.stream(consumerOn(flaky), Kinesis.batch(0, payloads));

        assertThat(failures(response)).containsExactly(Kinesis.sequenceNumber(StockStore.MAX_EVENTS_PER_COMMIT));
        assertThat(stock.get("sku-k")).get().extracting(StockLevel::available)
                .isEqualTo(1_000L - (StockStore.MAX_EVENTS_PER_COMMIT - 1));
    }

    @Test
    void handleRequest_whenEveryRecordIsBad_skipsThemAllWithoutFailingTheBatchOrWriting() {
        KinesisBatch batch = Kinesis.batch(0, List.of(
                "",
                "not json",
                "[]",
                "{\"eventId\":\"e1\"}",
                "{\"eventId\":\"e2\",\"type\":\"SALE\",\"sku\":\"sku-1\",\"quantity\":\"2\",\"occurredAt\":\"2026-11-22T10:00:00Z\",\"source\":\"t\"}",
                "{\"eventId\":\"e3\",\"type\":\"SALE\",\"sku\":\"bad sku\",\"quantity\":2,\"occurredAt\":\"2026-11-22T10:00:00Z\",\"source\":\"t\"}",
                event("e4", "SALE", 1).replace("\"t\"", "\"" + "x".repeat(Limits.MAX_SALE_EVENT_BYTES) + "\"")));
        List<KinesisBatch.Record> records = new ArrayList<>(batch.records());
        records.set(0, Kinesis.record(Kinesis.sequenceNumber(0), null));

        BatchResponse response = Invoke.stream(consumerOn(stock), new KinesisBatch(records));

        assertThat(failures(response)).isEmpty();
        assertThat(stock.getAll(List.of("sku-1", "sku-k"))).isEmpty();
    }

    @Test
    void handleRequest_whenEventOrRecordsAreMissing_answersEmptyWithoutThrowing() {
        byte[] noRecords = "{}".getBytes(StandardCharsets.UTF_8);
        byte[] nullRecords = "{\"Records\":null}".getBytes(StandardCharsets.UTF_8);
        byte[] noKinesisPart = ("{\"Records\":[{\"eventID\":\"shardId-000000000000:1\",\"eventSource\":\"aws:kinesis\"},"
                + "null]}").getBytes(StandardCharsets.UTF_8);

        assertThat(failures(Invoke.stream(consumerOn(stock), new byte[0]))).isEmpty();
        assertThat(failures(Invoke.stream(consumerOn(stock), noRecords))).isEmpty();
        assertThat(failures(Invoke.stream(consumerOn(stock), nullRecords))).isEmpty();
        assertThat(failures(Invoke.stream(consumerOn(stock), noKinesisPart))).isEmpty();
        assertThat(stock.get("sku-k")).isEmpty();
    }

    @Test
    void handleRequest_whenTheEventIsNotAKinesisBatch_throwsSayingSo() {
        byte[] notJson = "{\"Records\": [".getBytes(StandardCharsets.UTF_8);
        byte[] badBase64 = ("{\"Records\":[{\"kinesis\":{\"sequenceNumber\":\"1\",\"data\":\"%%%\"}}]}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] wrongType = "{\"Records\": {\"kinesis\": 1}}".getBytes(StandardCharsets.UTF_8);

        for (byte[] event : List.of(notJson, badBase64, wrongType)) {
            assertThatThrownBy(() -> Invoke.stream(consumerOn(stock), event))
                    .isInstanceOf(StreamEventMalformedException.class).hasMessageContaining("not a Kinesis batch");
        }
    }

    private static String event(String id, String type, int quantity) {
        return event(id, type, quantity, "sku-k");
    }

    private static String event(String id, String type, int quantity, String sku) {
        return "{\"eventId\":\"" + id + "\",\"type\":\"" + type + "\",\"sku\":\"" + sku + "\",\"quantity\":"
                + quantity + ",\"occurredAt\":\"2026-11-22T10:00:00Z\",\"source\":\"t\"}";
    }

    /** Fails the commits of one SKU with a temporary error until healed, and counts what each event changed. */
    private static final class FlakyStore implements StockStore {
        private final StockStore delegate;
        private final Map<String, AtomicInteger> applied = new ConcurrentHashMap<>();
        private volatile String failingSku;
        private final AtomicInteger commitsBeforeFailing = new AtomicInteger();

        FlakyStore(StockStore delegate, String failingSku) {
            this.delegate = delegate;
            this.failingSku = failingSku;
        }

        void heal() {
            failingSku = null;
        }

        void failAfterCommits(int commits) {
            commitsBeforeFailing.set(commits);
        }

        Map<String, AtomicInteger> appliedCounts() {
            return applied;
        }

        @Override
        public void commit(StockCommit commit) {
            if (commit.sku().equals(failingSku) && commitsBeforeFailing.getAndDecrement() <= 0) {
                throw new StoreUnavailableException("ThrottlingException (test)", null);
            }
            delegate.commit(commit);
            for (StockCommit.Decided d : commit.decided()) {
                if (d.result() instanceof ApplyResult.Applied) {
                    applied.computeIfAbsent(d.event().eventId(), id -> new AtomicInteger()).incrementAndGet();
                }
            }
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

        @Override
        public void recordMalformed(String recordId, String problem, byte[] data, java.time.Instant at) {
            delegate.recordMalformed(recordId, problem, data, at);
        }
    }
}
