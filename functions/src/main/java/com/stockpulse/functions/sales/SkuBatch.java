package com.stockpulse.functions.sales;

import com.stockpulse.functions.store.ApplyResult;
import com.stockpulse.functions.store.StockCommit;
import com.stockpulse.model.SaleEvent;
import com.stockpulse.model.StockLevel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides the events of one SKU, in shard order, against the stock row as read: each sale is applied while units
 * last and refused after (an oversell), restocks add, sets replace. The result is one write of the row however many
 * events moved it, so a hot SKU's row is written once per batch, not once per sale; its version steps by one from
 * a first version taken from the clock ({@link StockLevel#firstVersion}).
 */
final class SkuBatch {

    private SkuBatch() {
    }

    /**
     * @param current the row as read; null when the SKU has no row (a sale of it is refused as unknown)
     * @param events  new events only (duplicates already left out), each id once, at most one commit's worth
     */
    static StockCommit decide(String sku, StockLevel current, List<SaleEvent> events, Instant now) {
        boolean exists = current != null;
        long available = exists ? current.available() : 0;
        boolean changed = false;
        List<StockCommit.Decided> decided = new ArrayList<>(events.size());
        for (SaleEvent event : events) {
            ApplyResult result;
            switch (event.type()) {
                case SALE -> {
                    if (!exists) {
                        result = new ApplyResult.Rejected(ApplyResult.Reason.UNKNOWN_SKU, 0);
                    } else if (available < event.quantity()) {
                        result = new ApplyResult.Rejected(ApplyResult.Reason.INSUFFICIENT_STOCK, available);
                    } else {
                        available -= event.quantity();
                        result = new ApplyResult.Applied();
                    }
                }
                case RESTOCK -> {
                    // Quantities are capped per event (Limits.MAX_QUANTITY); a long cannot overflow from them.
                    available += event.quantity();
                    result = new ApplyResult.Applied();
                }
                case SET -> {
                    available = event.quantity();
                    result = new ApplyResult.Applied();
                }
                default -> throw new IllegalArgumentException("unknown event type " + event.type());
            }
            if (result instanceof ApplyResult.Applied) {
                exists = true;
                changed = true;
            }
            decided.add(new StockCommit.Decided(event, result));
        }
        long readVersion = current == null ? 0 : current.version();
        long nextVersion = current == null ? StockLevel.firstVersion(now) : readVersion + 1;
        StockLevel next = changed ? new StockLevel(sku, available, nextVersion, now) : null;
        return new StockCommit(sku, readVersion, next, decided, now);
    }
}
