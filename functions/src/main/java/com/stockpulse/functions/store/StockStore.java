package com.stockpulse.functions.store;

import com.stockpulse.model.StockLevel;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The stock of every SKU, and the record of which events were decided. Implementations: {@code DynamoDbStockStore}
 * and {@code InMemoryStockStore}. What an event does to the stock is decided outside the store
 * ({@code sales.SkuBatch}); the store reads and writes conditionally. Every method may throw
 * {@link StoreUnavailableException} (temporary) or {@link StoreFailedException} (permanent).
 */
public interface StockStore {

    /**
     * Most events one commit decides: DynamoDB's TransactWriteItems takes 100 actions, one of them on the stock row.
     */
    int MAX_EVENTS_PER_COMMIT = 99;

    Optional<StockLevel> get(String sku);

    /**
     * Writes the commit atomically (see {@link StockCommit}): the stock row only if it is still at the version read,
     * and a processed-event row per decided event only if its id is new. Throws {@link StockConflictException}
     * (nothing written) when either condition fails.
     */
    void commit(StockCommit commit);

    /**
     * What became of an event: {@link ApplyResult.Applied}, or {@link ApplyResult.Rejected} with the reason and the
     * units available then; empty while it is unknown (not processed yet, or its dedupe record has expired).
     */
    Optional<ApplyResult> outcomeOf(String eventId);

    /** The stock of those SKUs that have a stock row, in the order given. */
    List<StockLevel> getAll(Collection<String> skus);

    /**
     * Keeps a record that is not a valid sale event, with what is wrong with it and its first bytes, as a processed
     * event refused as {@link ApplyResult.Reason#MALFORMED} under {@link #malformedRecordId}: it is skipped, never
     * lost, and {@link #outcomeOf} finds it. Writing the same record again (a redelivery) changes nothing.
     */
    void recordMalformed(String recordId, String problem, byte[] data, java.time.Instant at);

    /** Bytes of a malformed record kept: enough to see what a producer sent, never a whole 1 MB record. */
    int MALFORMED_BYTES_KEPT = 4 * 1024;

    /** The processed-event id a malformed record is kept under, from its place in the stream. */
    static String malformedRecordId(String recordId) {
        return "malformed:" + recordId;
    }
}
