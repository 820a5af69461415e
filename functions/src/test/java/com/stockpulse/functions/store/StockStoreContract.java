package com.stockpulse.functions.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.stockpulse.functions.stock.BatchReport;
import com.stockpulse.functions.stock.SaleRecord;
import com.stockpulse.functions.stock.StockApplier;
import com.stockpulse.model.EventType;
import com.stockpulse.model.SaleEvent;
import com.stockpulse.model.StockLevel;
import java.time.Clock;
import java.time.Instant;
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

    private StockStore store;

    protected abstract StockStore newStore();

    @BeforeEach
    public void setUpStore() {
        store = newStore();
    }

    protected static SaleEvent event(String id, EventType type, String sku, long quantity) {
        return new SaleEvent(id, type, sku, quantity, NOW, "test");
    }

    @Test
    public void apply_whenSetThenSale_changesAvailableAndBumpsVersionEachTime() {
        assertThat(store.apply(event("e1", EventType.SET, "sku-a", 10), NOW)).isInstanceOf(ApplyResult.Applied.class);
        assertThat(store.apply(event("e2", EventType.SALE, "sku-a", 3), NOW.plusSeconds(1)))
                .isInstanceOf(ApplyResult.Applied.class);

        assertThat(store.get("sku-a")).contains(new StockLevel("sku-a", 7, 2, NOW.plusSeconds(1)));
    }

    @Test
    public void apply_whenRestockOfNewSku_createsItAtVersionOne() {
        store.apply(event("e1", EventType.RESTOCK, "sku-new", 5), NOW);

        assertThat(store.get("sku-new")).contains(new StockLevel("sku-new", 5, 1, NOW));
    }

    @Test
    public void apply_whenSameEventTwice_appliesOnce() {
        store.apply(event("e1", EventType.SET, "sku-a", 10), NOW);
        store.apply(event("e2", EventType.SALE, "sku-a", 4), NOW);

        ApplyResult again = store.apply(event("e2", EventType.SALE, "sku-a", 4), NOW);

        assertThat(again).isInstanceOf(ApplyResult.Duplicate.class);
        assertThat(store.get("sku-a")).get().extracting(StockLevel::available, StockLevel::version).containsExactly(6L, 2L);
    }

    @Test
    public void apply_whenSaleExceedsStock_rejectsAndLeavesStockAlone() {
        store.apply(event("e1", EventType.SET, "sku-a", 2), NOW);

        ApplyResult result = store.apply(event("e2", EventType.SALE, "sku-a", 3), NOW);

        assertThat(result).isEqualTo(new ApplyResult.Rejected(ApplyResult.Reason.INSUFFICIENT_STOCK, 2));
        assertThat(store.get("sku-a")).get().extracting(StockLevel::available, StockLevel::version).containsExactly(2L, 1L);
    }

    @Test
    public void apply_whenSaleOfUnknownSku_rejectsWithoutCreatingIt() {
        ApplyResult result = store.apply(event("e1", EventType.SALE, "sku-ghost", 1), NOW);

        assertThat(result).isEqualTo(new ApplyResult.Rejected(ApplyResult.Reason.UNKNOWN_SKU, 0));
        assertThat(store.get("sku-ghost")).isEmpty();
    }

    @Test
    public void apply_whenRejectedSaleIsRedeliveredAfterRestock_staysRejected() {
        store.apply(event("e1", EventType.SET, "sku-a", 1), NOW);
        store.apply(event("e2", EventType.SALE, "sku-a", 5), NOW);
        store.apply(event("e3", EventType.RESTOCK, "sku-a", 10), NOW);

        ApplyResult redelivered = store.apply(event("e2", EventType.SALE, "sku-a", 5), NOW);

        assertThat(redelivered).isInstanceOf(ApplyResult.Duplicate.class);
        assertThat(store.get("sku-a")).get().extracting(StockLevel::available).isEqualTo(11L);
    }

    @Test
    public void apply_whenSetToZero_soldOutIsAChange() {
        store.apply(event("e1", EventType.SET, "sku-a", 4), NOW);
        store.apply(event("e2", EventType.SET, "sku-a", 0), NOW);

        assertThat(store.get("sku-a")).get().extracting(StockLevel::available, StockLevel::version).containsExactly(0L, 2L);
    }

    @Test
    public void apply_whenThreeConcurrentSalesOfFourFromTen_exactlyTwoSucceed() throws Exception {
        store.apply(event("seed", EventType.SET, "sku-hot", 10), NOW);
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
                .containsExactly(2L, 3L);
    }

    @Test
    public void outcomeOf_tellsAppliedRejectedWithReasonAndUnknown() {
        store.apply(event("e1", EventType.SET, "sku-a", 2), NOW);
        store.apply(event("e2", EventType.SALE, "sku-a", 5), NOW);
        store.apply(event("e3", EventType.SALE, "sku-nobody", 1), NOW);

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
            store.apply(event("set-" + sku, EventType.SET, sku, 1), NOW);
        }
        List<String> asked = new ArrayList<>(skus.reversed());
        asked.add(60, "unknown-sku");

        List<StockLevel> levels = store.getAll(asked);

        assertThat(levels).extracting(StockLevel::sku).containsExactlyElementsOf(skus.reversed());
    }
}
