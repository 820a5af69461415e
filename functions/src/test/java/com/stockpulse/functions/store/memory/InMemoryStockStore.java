package com.stockpulse.functions.store.memory;

import com.stockpulse.functions.store.ApplyResult;
import com.stockpulse.functions.store.BroadcastLedger;
import com.stockpulse.functions.store.BroadcastProgress;
import com.stockpulse.functions.store.StockCommit;
import com.stockpulse.functions.store.StockConflictException;
import com.stockpulse.functions.store.StockStore;
import com.stockpulse.functions.store.StoreUnavailableException;
import com.stockpulse.model.StockLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The stock store without DynamoDB: for unit tests, benchmarks and the flash-sale simulation. One lock makes each
 * commit atomic, as TransactWriteItems does; dedupe records expire after the same TTL. It can play DynamoDB's limit
 * of writes per item and second (a throttled commit writes nothing), and tells a listener of every row write, as the
 * table's stream would.
 */
public final class InMemoryStockStore implements StockStore, BroadcastLedger {

    private final Map<String, StockLevel> stock = new HashMap<>();
    private final Map<String, BroadcastProgress> progress = new HashMap<>();
    private final Map<String, Instant> processedUntil = new HashMap<>();
    private final Map<String, ApplyResult> outcomes = new HashMap<>();
    private final Map<String, long[]> writesThisSecond = new HashMap<>();
    private final Duration processedEventTtl;
    private final int itemWritesPerSecond;
    private Consumer<StockLevel> onWrite = level -> { };
    private int maxItemWritesInASecond;

    private InMemoryStockStore(Duration processedEventTtl, int itemWritesPerSecond) {
        this.processedEventTtl = processedEventTtl;
        this.itemWritesPerSecond = itemWritesPerSecond;
    }

    public InMemoryStockStore(Duration processedEventTtl) {
        this(processedEventTtl, Integer.MAX_VALUE);
    }

    public InMemoryStockStore() {
        this(Duration.ofDays(8));
    }

    /**
     * Refuses (as DynamoDB throttles) a commit that would write one item more than {@code perSecond} times in one
     * second of the commits' clock. DynamoDB: 1,000 write units per item and second, a transactional write costs two.
     */
    public static InMemoryStockStore withItemWriteCap(int perSecond) {
        return new InMemoryStockStore(Duration.ofDays(8), perSecond);
    }

    /**
     * Called under the store's lock with every row written, in write order: the table's stream. Saving broadcast
     * progress writes the row too; a commit keeps the row's progress, as the consumer's UpdateItem does.
     */
    public synchronized void onWrite(Consumer<StockLevel> listener) {
        this.onWrite = listener;
    }

    /** The most writes any one item took within one second (of the commits' clock). */
    public synchronized int maxItemWritesInASecond() {
        return maxItemWritesInASecond;
    }

    @Override
    public synchronized void commit(StockCommit commit) {
        Instant now = commit.decidedAt();
        StockLevel current = stock.get(commit.sku());
        boolean rowMoved = (current == null ? 0 : current.version()) != commit.readVersion();
        Set<String> recorded = new LinkedHashSet<>();
        for (StockCommit.Decided d : commit.decided()) {
            Instant until = processedUntil.get(d.event().eventId());
            if (until != null && until.isAfter(now)) {
                recorded.add(d.event().eventId());
            }
        }
        if (rowMoved || !recorded.isEmpty()) {
            throw new StockConflictException(commit.sku(), rowMoved, recorded);
        }
        if (commit.changesStock()) {
            countWrite(commit.sku(), now);
            stock.put(commit.sku(), commit.next());
            onWrite.accept(commit.next());
        }
        for (StockCommit.Decided d : commit.decided()) {
            processedUntil.put(d.event().eventId(), now.plus(processedEventTtl));
            outcomes.put(d.event().eventId(), d.result());
        }
    }

    private void countWrite(String sku, Instant now) {
        long second = now.getEpochSecond();
        long[] window = writesThisSecond.computeIfAbsent(sku, s -> new long[] {second, 0});
        if (window[0] != second) {
            window[0] = second;
            window[1] = 0;
        }
        if (window[1] >= itemWritesPerSecond) {
            throw new StoreUnavailableException("throttled: " + sku + " took " + itemWritesPerSecond
                    + " writes this second", null);
        }
        window[1]++;
        maxItemWritesInASecond = (int) Math.max(maxItemWritesInASecond, window[1]);
    }

    @Override
    public synchronized void recordMalformed(String recordId, String problem, byte[] data, Instant at) {
        outcomes.putIfAbsent(StockStore.malformedRecordId(recordId),
                new ApplyResult.Rejected(ApplyResult.Reason.MALFORMED, 0));
    }

    @Override
    public synchronized Optional<ApplyResult> outcomeOf(String eventId) {
        return Optional.ofNullable(outcomes.get(eventId));
    }

    @Override
    public synchronized boolean save(String sku, BroadcastProgress next) {
        StockLevel level = stock.get(sku);
        if (level == null || progressOf(sku).seq() != next.seq() - 1) {
            return false;
        }
        progress.put(sku, next);
        onWrite.accept(level);
        return true;
    }

    @Override
    public synchronized Map<String, Row> rows(Collection<String> skus) {
        Map<String, Row> rows = new java.util.LinkedHashMap<>();
        for (String sku : skus) {
            StockLevel level = stock.get(sku);
            if (level != null) {
                rows.put(sku, new Row(level, progressOf(sku)));
            }
        }
        return rows;
    }

    /** A row as if written before the test began: no stream record. */
    public synchronized void seed(StockLevel level) {
        stock.put(level.sku(), level);
    }

    /** The progress the row carries now. */
    public synchronized BroadcastProgress progressOf(String sku) {
        return progress.getOrDefault(sku, BroadcastProgress.NONE);
    }

    @Override
    public synchronized Optional<StockLevel> get(String sku) {
        return Optional.ofNullable(stock.get(sku));
    }

    @Override
    public synchronized List<StockLevel> getAll(Collection<String> skus) {
        List<StockLevel> levels = new ArrayList<>(skus.size());
        for (String sku : skus) {
            StockLevel level = stock.get(sku);
            if (level != null) {
                levels.add(level);
            }
        }
        return levels;
    }
}
