package com.stockpulse.model;

import java.time.Instant;

/** One SKU's new stock. Browsers keep the highest {@code version} per SKU, so repeats and reordering are harmless. */
public record StockMessage(String sku, long available, long version, Instant updatedAt) implements ServerMessage {

    public static StockMessage of(StockLevel level) {
        return new StockMessage(level.sku(), level.available(), level.version(), level.updatedAt());
    }
}
