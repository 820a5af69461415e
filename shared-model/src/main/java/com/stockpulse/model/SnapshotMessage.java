package com.stockpulse.model;

import java.util.List;

/** The answer to {@code sync}: the current stock of every SKU the page shows. */
public record SnapshotMessage(String page, List<StockLevel> items) implements ServerMessage {

    public SnapshotMessage {
        items = List.copyOf(items);
    }
}
