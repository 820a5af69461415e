package com.stockpulse.functions.store;

import com.stockpulse.model.StockLevel;
import java.util.Collection;
import java.util.Map;

/**
 * Keeps each SKU's {@link BroadcastProgress} on its stock row. Writing it puts a record on the stock table's stream,
 * in order with the SKU's changes and on the same shard: that record is what brings the fan-out back to finish a
 * broadcast it could not finish before its deadline, so no batch is failed (and no shard held) for a large audience.
 * The stream's record only brings the fan-out back: what it owes is read from the row, since the records of a batch
 * can be older than the row's last progress. Implementations: {@code DynamoDbStockStore} and {@code InMemoryStockStore}. May throw
 * {@link StoreUnavailableException} (temporary) or {@link StoreFailedException} (permanent).
 */
public interface BroadcastLedger {

    /** A stock row: its stock level and the progress of its broadcast. */
    record Row(StockLevel level, BroadcastProgress progress) {
    }

    /** The rows of those SKUs that have one, read consistently, keyed by SKU. */
    Map<String, Row> rows(Collection<String> skus);

    /**
     * Writes {@code next} on the SKU's row if its progress is still the one numbered {@code next.seq() - 1}; false
     * (nothing written) when another write came first (a redelivered batch) or the row does not exist.
     */
    boolean save(String sku, BroadcastProgress next);
}
