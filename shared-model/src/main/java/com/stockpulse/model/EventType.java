package com.stockpulse.model;

/** What a sale event does to the stock of its SKU. */
public enum EventType {
    /** Takes {@code quantity} units; refused when fewer are available. */
    SALE,
    /** Adds {@code quantity} units. */
    RESTOCK,
    /** Sets the available units to {@code quantity} (a stock count); zero is allowed. */
    SET
}
