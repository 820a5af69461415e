package com.stockpulse.functions.store.memory;

import com.stockpulse.functions.store.ApplyResult;
import com.stockpulse.functions.store.StockStore;
import com.stockpulse.model.SaleEvent;
import com.stockpulse.model.StockLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stock store without DynamoDB: for unit tests and benchmarks. One lock makes each apply atomic, as the
 * TransactWriteItems of the DynamoDB store does; dedupe records expire after the same TTL.
 */
public final class InMemoryStockStore implements StockStore {

    private final Map<String, StockLevel> stock = new HashMap<>();
    private final Map<String, Instant> processedUntil = new HashMap<>();
    private final Map<String, ApplyResult> outcomes = new HashMap<>();
    private final Duration processedEventTtl;

    public InMemoryStockStore(Duration processedEventTtl) {
        this.processedEventTtl = processedEventTtl;
    }

    public InMemoryStockStore() {
        this(Duration.ofDays(8));
    }

    @Override
    public synchronized ApplyResult apply(SaleEvent event, Instant now) {
        Instant until = processedUntil.get(event.eventId());
        if (until != null && until.isAfter(now)) {
            return new ApplyResult.Duplicate();
        }
        StockLevel current = stock.get(event.sku());
        long available = current == null ? 0 : current.available();
        long version = current == null ? 0 : current.version();
        long next;
        switch (event.type()) {
            case SALE -> {
                if (current == null) {
                    return reject(event, now, ApplyResult.Reason.UNKNOWN_SKU, 0);
                }
                if (available < event.quantity()) {
                    return reject(event, now, ApplyResult.Reason.INSUFFICIENT_STOCK, available);
                }
                next = available - event.quantity();
            }
            case RESTOCK -> next = available + event.quantity();
            case SET -> next = event.quantity();
            default -> throw new IllegalArgumentException("unknown event type " + event.type());
        }
        stock.put(event.sku(), new StockLevel(event.sku(), next, version + 1, now));
        processedUntil.put(event.eventId(), now.plus(processedEventTtl));
        outcomes.put(event.eventId(), new ApplyResult.Applied());
        return new ApplyResult.Applied();
    }

    private ApplyResult reject(SaleEvent event, Instant now, ApplyResult.Reason reason, long available) {
        processedUntil.put(event.eventId(), now.plus(processedEventTtl));
        ApplyResult rejected = new ApplyResult.Rejected(reason, available);
        outcomes.put(event.eventId(), rejected);
        return rejected;
    }

    @Override
    public synchronized Optional<ApplyResult> outcomeOf(String eventId) {
        return Optional.ofNullable(outcomes.get(eventId));
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
