package com.stockpulse.functions.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stockpulse.functions.sales.BatchReport;
import com.stockpulse.functions.sales.SaleRecord;
import com.stockpulse.functions.sales.StockApplier;
import com.stockpulse.model.EventType;
import com.stockpulse.model.SaleEvent;
import com.stockpulse.model.StockLevel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link StockStore} promises; run against the in-memory twin, DynamoDB Local and LocalStack. */
public abstract class StockStoreContract {

    /** The real time: DynamoDB Local expires dedupe rows by their TTL against the wall clock, as DynamoDB does. */
    protected static final Instant NOW = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

    /** The n-th version of a row created at {@link #NOW}: versions start from the clock (StockLevel.firstVersion). */
    protected static long v(long n) {
        return StockLevel.firstVersion(NOW) + n - 1;
    }

    private StockStore store;

    protected abstract StockStore newStore();

    @BeforeEach
    public void setUpStore() {
        store = newStore();
    }

    protected static SaleEvent event(String id, EventType type, String sku, long quantity) {
        return new SaleEvent(id, type, sku, quantity, NOW, "test");
    }

    /** One event on its own, decided at {@code at}. */
    private ApplyResult apply(SaleEvent event, Instant at) {
        return new StockApplier(store, Clock.fixed(at, ZoneOffset.UTC)).apply(event);
    }

    /** One Kinesis batch of these events, in this order. */
    private BatchReport applyBatch(SaleEvent... events) {
        List<SaleRecord> records = new ArrayList<>();
        for (int i = 0; i < events.length; i++) {
            records.add(new SaleRecord("seq-" + i, events[i].toJsonBytes()));
        }
        return new StockApplier(store, Clock.fixed(NOW, ZoneOffset.UTC)).apply(records);
    }

    @Test
    public void applyBatch_whenFiveSalesOfThreeAgainstTen_firstThreeApplyLastTwoRecordedAsOversellsInOneWrite() {
        apply(event("seed", EventType.SET, "sku-a", 10), NOW);

        BatchReport report = applyBatch(IntStream.range(1, 6)
                .mapToObj(i -> event("sale-" + i, EventType.SALE, "sku-a", 3)).toArray(SaleEvent[]::new));

        assertThat(report).extracting(BatchReport::applied, BatchReport::rejected, BatchReport::stockWrites)
                .containsExactly(3, 2, 1);
        assertThat(store.get("sku-a")).contains(new StockLevel("sku-a", 1, v(2), NOW));
        for (int i = 1; i <= 3; i++) {
            assertThat(store.outcomeOf("sale-" + i)).containsInstanceOf(ApplyResult.Applied.class);
        }
        for (int i = 4; i <= 5; i++) {
            assertThat(store.outcomeOf("sale-" + i))
                    .contains(new ApplyResult.Rejected(ApplyResult.Reason.INSUFFICIENT_STOCK, 1));
        }
    }

    @Test
    public void applyBatch_whenOversellInTheMiddle_laterSmallerSalesStillApply() {
        apply(event("seed", EventType.SET, "sku-a", 10), NOW);

        applyBatch(event("s1", EventType.SALE, "sku-a", 8), event("s2", EventType.SALE, "sku-a", 5),
                event("s3", EventType.SALE, "sku-a", 2), event("s4", EventType.SALE, "sku-a", 1));

        assertThat(store.outcomeOf("s2")).contains(new ApplyResult.Rejected(ApplyResult.Reason.INSUFFICIENT_STOCK, 2));
        assertThat(store.outcomeOf("s4")).contains(new ApplyResult.Rejected(ApplyResult.Reason.INSUFFICIENT_STOCK, 0));
        assertThat(store.get("sku-a")).get().extracting(StockLevel::available, StockLevel::version).containsExactly(0L, v(2));
    }

    @Test
    public void applyBatch_whenDuplicatesInsideOneBatchAndAcrossBatches_appliesEachEventIdOnce() {
        apply(event("seed", EventType.SET, "sku-a", 100), NOW);
        SaleEvent sale = event("sale-1", EventType.SALE, "sku-a", 1);
        // A producer retry puts the same event again under a new sequence number, here inside one batch.
        BatchReport first = applyBatch(sale, event("sale-2", EventType.SALE, "sku-a", 2), sale);
        BatchReport second = applyBatch(event("sale-3", EventType.SALE, "sku-a", 3), sale,
                event("sale-2", EventType.SALE, "sku-a", 2));

        assertThat(first).extracting(BatchReport::applied, BatchReport::duplicates).containsExactly(2, 1);
        assertThat(second).extracting(BatchReport::applied, BatchReport::duplicates).containsExactly(1, 2);
        assertThat(store.get("sku-a")).get().extracting(StockLevel::available, StockLevel::version)
                .containsExactly(94L, v(3));
    }

    @Test
    public void applyBatch_whenMoreEventsThanOneCommitHolds_writesOncePerCommitAndAppliesAll() {
        apply(event("seed", EventType.SET, "sku-a", 1_000), NOW);
        SaleEvent[] sales = IntStream.range(0, StockStore.MAX_EVENTS_PER_COMMIT + 51)
                .mapToObj(i -> event("sale-" + i, EventType.SALE, "sku-a", 1)).toArray(SaleEvent[]::new);

        BatchReport report = applyBatch(sales);

        assertThat(report).extracting(BatchReport::applied, BatchReport::stockWrites, BatchReport::failedAt)
                .containsExactly(150, 2, java.util.Optional.empty());
        assertThat(store.get("sku-a")).get().extracting(StockLevel::available, StockLevel::version)
                .containsExactly(850L, v(3));
    }

    @Test
    public void applyBatch_whenSkusInterleave_eachSkuIsWrittenOnceAndKeepsItsOwnOrder() {
        apply(event("a0", EventType.SET, "sku-a", 3), NOW);
        apply(event("b0", EventType.SET, "sku-b", 3), NOW);

        BatchReport report = applyBatch(event("a1", EventType.SALE, "sku-a", 2), event("b1", EventType.SALE, "sku-b", 3),
                event("a2", EventType.SALE, "sku-a", 2), event("b2", EventType.RESTOCK, "sku-b", 4),
                event("a3", EventType.RESTOCK, "sku-a", 10));

        assertThat(report.stockWrites()).isEqualTo(2);
        assertThat(store.outcomeOf("a2")).contains(new ApplyResult.Rejected(ApplyResult.Reason.INSUFFICIENT_STOCK, 1));
        assertThat(store.get("sku-a")).get().extracting(StockLevel::available).isEqualTo(11L);
        assertThat(store.get("sku-b")).get().extracting(StockLevel::available).isEqualTo(4L);
    }

    @Test
    public void commit_whenReadVersionIsStaleOrAnEventIsRecorded_conflictsAndWritesNothing() {
        apply(event("seed", EventType.SET, "sku-a", 10), NOW);
        apply(event("sold", EventType.SALE, "sku-a", 1), NOW);
        StockCommit.Decided fresh = new StockCommit.Decided(event("fresh", EventType.SALE, "sku-a", 1),
                new ApplyResult.Applied());
        StockCommit.Decided recorded = new StockCommit.Decided(event("sold", EventType.SALE, "sku-a", 1),
                new ApplyResult.Applied());

        StockCommit stale = new StockCommit("sku-a", v(1), new StockLevel("sku-a", 9, v(2), NOW), List.of(fresh), NOW);
        StockCommit replay = new StockCommit("sku-a", v(2), new StockLevel("sku-a", 7, v(3), NOW), List.of(fresh, recorded), NOW);

        assertThatThrownBy(() -> store.commit(stale)).isInstanceOfSatisfying(StockConflictException.class, e -> {
            assertThat(e.rowMoved()).isTrue();
            assertThat(e.recordedEventIds()).isEmpty();
        });
        assertThatThrownBy(() -> store.commit(replay)).isInstanceOfSatisfying(StockConflictException.class, e -> {
            assertThat(e.rowMoved()).isFalse();
            assertThat(e.recordedEventIds()).containsExactly("sold");
        });
        assertThat(store.get("sku-a")).get().extracting(StockLevel::available, StockLevel::version).containsExactly(9L, v(2));
        assertThat(store.outcomeOf("fresh")).isEmpty();
    }

    @Test
    public void commit_whenRowWasReadAbsentButExistsNow_conflicts() {
        apply(event("seed", EventType.SET, "sku-a", 10), NOW);
        StockCommit.Decided create = new StockCommit.Decided(event("create", EventType.SET, "sku-a", 5),
                new ApplyResult.Applied());

        assertThatThrownBy(() -> store.commit(new StockCommit("sku-a", 0, new StockLevel("sku-a", 5, 1, NOW),
                List.of(create), NOW))).isInstanceOfSatisfying(StockConflictException.class,
                        e -> assertThat(e.rowMoved()).isTrue());
    }

    @Test
    public void apply_whenSetThenSale_changesAvailableAndBumpsVersionEachTime() {
        assertThat(apply(event("e1", EventType.SET, "sku-a", 10), NOW)).isInstanceOf(ApplyResult.Applied.class);
        assertThat(apply(event("e2", EventType.SALE, "sku-a", 3), NOW.plusSeconds(1)))
                .isInstanceOf(ApplyResult.Applied.class);

        assertThat(store.get("sku-a")).contains(new StockLevel("sku-a", 7, v(2), NOW.plusSeconds(1)));
    }

    @Test
    public void apply_whenRestockOfNewSku_createsItAtItsFirstVersion_takenFromTheClock() {
        apply(event("e1", EventType.RESTOCK, "sku-new", 5), NOW);

        assertThat(store.get("sku-new")).contains(new StockLevel("sku-new", 5, NOW.toEpochMilli() * 1_000, NOW));
    }

    @Test
    public void apply_whenSameEventTwice_appliesOnce() {
        apply(event("e1", EventType.SET, "sku-a", 10), NOW);
        apply(event("e2", EventType.SALE, "sku-a", 4), NOW);

        ApplyResult again = apply(event("e2", EventType.SALE, "sku-a", 4), NOW);

        assertThat(again).isInstanceOf(ApplyResult.Duplicate.class);
        assertThat(store.get("sku-a")).get().extracting(StockLevel::available, StockLevel::version).containsExactly(6L, v(2));
    }

    @Test
    public void apply_whenSaleExceedsStock_rejectsAndLeavesStockAlone() {
        apply(event("e1", EventType.SET, "sku-a", 2), NOW);

        ApplyResult result = apply(event("e2", EventType.SALE, "sku-a", 3), NOW);

        assertThat(result).isEqualTo(new ApplyResult.Rejected(ApplyResult.Reason.INSUFFICIENT_STOCK, 2));
        assertThat(store.get("sku-a")).get().extracting(StockLevel::available, StockLevel::version).containsExactly(2L, v(1));
    }

    @Test
    public void apply_whenSaleOfUnknownSku_rejectsWithoutCreatingIt() {
        ApplyResult result = apply(event("e1", EventType.SALE, "sku-ghost", 1), NOW);

        assertThat(result).isEqualTo(new ApplyResult.Rejected(ApplyResult.Reason.UNKNOWN_SKU, 0));
        assertThat(store.get("sku-ghost")).isEmpty();
    }

    @Test
    public void apply_whenRejectedSaleIsRedeliveredAfterRestock_staysRejected() {
        apply(event("e1", EventType.SET, "sku-a", 1), NOW);
        apply(event("e2", EventType.SALE, "sku-a", 5), NOW);
        apply(event("e3", EventType.RESTOCK, "sku-a", 10), NOW);

        ApplyResult redelivered = apply(event("e2", EventType.SALE, "sku-a", 5), NOW);

        assertThat(redelivered).isInstanceOf(ApplyResult.Duplicate.class);
        assertThat(store.get("sku-a")).get().extracting(StockLevel::available).isEqualTo(11L);
    }

    @Test
    public void apply_whenSetToZero_soldOutIsAChange() {
        apply(event("e1", EventType.SET, "sku-a", 4), NOW);
        apply(event("e2", EventType.SET, "sku-a", 0), NOW);

        assertThat(store.get("sku-a")).get().extracting(StockLevel::available, StockLevel::version).containsExactly(0L, v(2));
    }

    @Test
    public void apply_whenThreeConcurrentSalesOfFourFromTen_exactlyTwoSucceed() throws Exception {
        apply(event("seed", EventType.SET, "sku-hot", 10), NOW);
        StockApplier applier = new StockApplier(store, Clock.systemUTC());
        CyclicBarrier start = new CyclicBarrier(3);
        List<Future<BatchReport>> reports = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
            for (int i = 0; i < 3; i++) {
                byte[] json = event("sale-" + i, EventType.SALE, "sku-hot", 4).toJsonBytes();
                String sequenceNumber = "seq-" + i;
                reports.add(pool.submit(() -> {
                    start.await();
                    return applier.apply(List.of(new SaleRecord(sequenceNumber, json)));
                }));
            }
            int applied = 0;
            int rejected = 0;
            for (Future<BatchReport> report : reports) {
                assertThat(report.get().failedAt()).isEmpty();
                applied += report.get().applied();
                rejected += report.get().rejected();
            }
            assertThat(applied).isEqualTo(2);
            assertThat(rejected).isEqualTo(1);
        }
        assertThat(store.get("sku-hot")).get().extracting(StockLevel::available, StockLevel::version)
                .containsExactly(2L, v(3));
    }

    @Test
    public void outcomeOf_tellsAppliedRejectedWithReasonAndUnknown() {
        apply(event("e1", EventType.SET, "sku-a", 2), NOW);
        apply(event("e2", EventType.SALE, "sku-a", 5), NOW);
        apply(event("e3", EventType.SALE, "sku-nobody", 1), NOW);

        assertThat(store.outcomeOf("e1")).containsInstanceOf(ApplyResult.Applied.class);
        assertThat(store.outcomeOf("e2")).contains(new ApplyResult.Rejected(ApplyResult.Reason.INSUFFICIENT_STOCK, 2));
        assertThat(store.outcomeOf("e3")).contains(new ApplyResult.Rejected(ApplyResult.Reason.UNKNOWN_SKU, 0));
        assertThat(store.outcomeOf("never-sent")).isEmpty();
    }

    @Test
    public void get_whenUnknown_isEmpty() {
        assertThat(store.get("nothing-here")).isEmpty();
    }

    @Test
    public void getAll_returnsKnownSkusInTheOrderGivenAcrossBatchesAndSkipsUnknown() {
        List<String> skus = IntStream.range(0, 130).mapToObj(i -> String.format("sku-%03d", i)).toList();
        for (String sku : skus) {
            apply(event("set-" + sku, EventType.SET, sku, 1), NOW);
        }
        List<String> asked = new ArrayList<>(skus.reversed());
        asked.add(60, "unknown-sku");

        List<StockLevel> levels = store.getAll(asked);

        assertThat(levels).extracting(StockLevel::sku).containsExactlyElementsOf(skus.reversed());
    }

    @Test
    public void applyBatch_keepsAMalformedRecordWithItsProblem_andAppliesTheRest() {
        apply(event("seed", EventType.SET, "sku-a", 10), NOW);
        List<SaleRecord> records = List.of(
                new SaleRecord("1", "{\"eventId\":".getBytes(StandardCharsets.UTF_8),
                        "shardId-000000000000:1"),
                new SaleRecord("2", event("ok", EventType.SALE, "sku-a", 1).toJsonBytes(),
                        "shardId-000000000000:2"));

        BatchReport report = new StockApplier(store, Clock.fixed(NOW, ZoneOffset.UTC)).apply(records);
        BatchReport again = new StockApplier(store, Clock.fixed(NOW, ZoneOffset.UTC)).apply(records);

        assertThat(report.failedAt()).isEmpty();
        assertThat(again.failedAt()).isEmpty();
        assertThat(store.outcomeOf(StockStore.malformedRecordId("shardId-000000000000:1")))
                .contains(new ApplyResult.Rejected(ApplyResult.Reason.MALFORMED, 0));
        assertThat(store.get("sku-a")).get().extracting(StockLevel::available).isEqualTo(9L);
    }

    @Test
    public void broadcastProgress_isKeptOnTheRowConditionallyAndSurvivesTheConsumersWrites() {
        BroadcastLedger ledger = (BroadcastLedger) store;
        apply(event("e1", EventType.SET, "sku-p", 10), NOW);
        assertThat(ledger.rows(List.of("sku-p")).get("sku-p").progress()).isEqualTo(BroadcastProgress.NONE);

        BroadcastProgress carried = new BroadcastProgress(v(1), "conn-b", "conn-a", List.of("conn-x", "conn-y"), 1);
        assertThat(ledger.save("sku-p", carried)).isTrue();
        assertThat(ledger.save("sku-p", carried)).as("a second write of the same number loses its condition").isFalse();
        // The consumer writes the row again: its stock moves, the progress stays.
        apply(event("e2", EventType.SALE, "sku-p", 1), NOW);

        BroadcastLedger.Row row = ledger.rows(List.of("sku-p", "sku-none")).get("sku-p");
        assertThat(row.level().available()).isEqualTo(9);
        assertThat(row.level().version()).isEqualTo(v(2));
        assertThat(row.progress().from()).isEqualTo("conn-b");
        assertThat(row.progress().until()).isEqualTo("conn-a");
        assertThat(row.progress().owed()).containsExactlyInAnyOrder("conn-x", "conn-y");
        assertThat(row.progress().seq()).isEqualTo(1);
        assertThat(ledger.rows(List.of("sku-none"))).isEmpty();

        assertThat(ledger.save("sku-p", carried.finished(v(2)))).isTrue();
        assertThat(ledger.rows(List.of("sku-p")).get("sku-p").progress())
                .isEqualTo(new BroadcastProgress(v(2), null, null, List.of(), 2));
        assertThat(ledger.save("sku-none", carried)).as("progress never creates a row").isFalse();
        assertThat(store.get("sku-none")).isEmpty();
    }
}
