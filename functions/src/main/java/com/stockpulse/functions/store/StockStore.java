package com.stockpulse.functions.store;

import com.stockpulse.model.SaleEvent;
import com.stockpulse.model.StockLevel;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The stock of every SKU, and the record of which events were applied. Implementations: {@code DynamoDbStockStore}
 * and {@code InMemoryStockStore}. Every method may throw {@link StoreUnavailableException} (temporary) or
 * {@link StoreFailedException} (permanent).
 */
public interface StockStore {

    /**
     * Applies the event at most once per {@code eventId}: the dedupe record and the stock change happen together or
     * not at all. {@code available} never goes below zero and {@code version} grows by one on every change.
     */
    ApplyResult apply(SaleEvent event, Instant now);

    Optional<StockLevel> get(String sku);

    /**
     * What became of an event: {@link ApplyResult.Applied}, or {@link ApplyResult.Rejected} with the reason and the
     * units available then; empty while it is unknown (not processed yet, or its dedupe record has expired).
     */
    Optional<ApplyResult> outcomeOf(String eventId);

    /** The stock of those SKUs that have a stock row, in the order given. */
    List<StockLevel> getAll(Collection<String> skus);
}
