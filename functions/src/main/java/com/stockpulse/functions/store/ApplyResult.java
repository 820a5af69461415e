package com.stockpulse.functions.store;

/** What happened to one sale event. */
public sealed interface ApplyResult {

    /** The stock changed, and the event is recorded as applied. */
    record Applied() implements ApplyResult {
    }

    /** The event was seen before (Kinesis redelivered it): nothing changed this time. */
    record Duplicate() implements ApplyResult {
    }

    /**
     * Refused for good: a sale of more than is available, of a SKU that has no stock row, or a record that is not a
     * valid sale event at all (kept under {@link StockStore#malformedRecordId} with what is wrong with it).
     */
    record Rejected(Reason reason, long available) implements ApplyResult {
    }

    enum Reason {
        INSUFFICIENT_STOCK,
        UNKNOWN_SKU,
        MALFORMED
    }
}
