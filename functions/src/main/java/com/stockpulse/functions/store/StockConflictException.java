package com.stockpulse.functions.store;

import java.util.Set;

/**
 * A {@link StockCommit} lost a race and wrote nothing: the stock row moved since it was read, or some of its events
 * were recorded already (a producer's retry or a redelivery). Temporary: decide again on a fresh read, leaving the
 * recorded events out as duplicates.
 */
public final class StockConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean rowMoved;
    private final Set<String> recordedEventIds;

    public StockConflictException(String sku, boolean rowMoved, Set<String> recordedEventIds) {
        super("stock commit of " + sku + " conflicted: " + (rowMoved ? "the row moved since it was read" : "")
                + (rowMoved && !recordedEventIds.isEmpty() ? "; " : "")
                + (recordedEventIds.isEmpty() ? "" : recordedEventIds.size() + " event(s) recorded already"));
        this.rowMoved = rowMoved;
        this.recordedEventIds = Set.copyOf(recordedEventIds);
    }

    /** The row's version is no longer the one the commit was decided on: read it again. */
    public boolean rowMoved() {
        return rowMoved;
    }

    /** Events of the commit that already have a processed-event row: duplicates. */
    public Set<String> recordedEventIds() {
        return recordedEventIds;
    }
}
