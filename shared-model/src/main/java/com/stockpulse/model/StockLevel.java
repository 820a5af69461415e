package com.stockpulse.model;

import java.time.Instant;
import java.util.Objects;

/**
 * The stock of one SKU: {@code available} is never negative; {@code version} starts at {@link #firstVersion} when the
 * row is created and grows by one on every change, so it only ever grows, even across a row deleted and created again.
 */
public record StockLevel(String sku, long available, long version, Instant updatedAt) {

    /** See {@link #firstVersion}. */
    public static final long VERSIONS_PER_MILLI = 1_000;

    /**
     * The version a new stock row starts at: its creation time in milliseconds times {@value #VERSIONS_PER_MILLI}.
     * A row that is deleted and created again (tables recreated by a restart of the local stack, an item deleted by
     * hand on AWS) so starts above every version its previous life reached, as long as that life took fewer than
     * 1,000 writes per millisecond (DynamoDB caps an item at 1,000 writes a second): a page that keeps the highest
     * version it saw takes the new row's values instead of ignoring them. The numbers stay below 2^53 until the year
     * 2255, so JavaScript reads them exactly.
     */
    public static long firstVersion(Instant createdAt) {
        return createdAt.toEpochMilli() * VERSIONS_PER_MILLI;
    }

    public StockLevel {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (available < 0) {
            throw new IllegalArgumentException("available must not be negative: " + available);
        }
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative: " + version);
        }
    }
}
