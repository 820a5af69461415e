package com.stockpulse.model;

import java.time.Instant;
import java.util.Objects;

/** The stock of one SKU: {@code available} is never negative; {@code version} grows by one on every change. */
public record StockLevel(String sku, long available, long version, Instant updatedAt) {

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
