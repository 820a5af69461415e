package com.stockpulse.functions.store;

import com.stockpulse.model.SaleEvent;
import com.stockpulse.model.StockLevel;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One write of a SKU's stock together with the outcomes it decided, all or nothing: the stock row moves from
 * {@code readVersion} (0: there was no row) to {@code next}, and one processed-event row per decided event is
 * created, each only if its event id is new. {@code next} is null when nothing changed (only refused sales): then
 * the row is only checked to still be at {@code readVersion}, so a refusal is never decided against a stale read.
 *
 * @param decided applied and rejected events in shard order, at most {@link StockStore#MAX_EVENTS_PER_COMMIT},
 *                each event id once
 */
public record StockCommit(String sku, long readVersion, StockLevel next, List<Decided> decided, Instant decidedAt) {

    /** An event and what became of it: {@link ApplyResult.Applied} or {@link ApplyResult.Rejected}. */
    public record Decided(SaleEvent event, ApplyResult result) {
    }

    public StockCommit {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(decidedAt, "decidedAt");
        decided = List.copyOf(decided);
        if (decided.isEmpty() || decided.size() > StockStore.MAX_EVENTS_PER_COMMIT) {
            throw new IllegalArgumentException("a commit decides 1 to " + StockStore.MAX_EVENTS_PER_COMMIT
                    + " events, got " + decided.size());
        }
    }

    public boolean changesStock() {
        return next != null;
    }

    /** The row's version once this commit is written: what each decided event's processed-event row records. */
    public long versionAfter() {
        return next == null ? readVersion : next.version();
    }

    /** The last applied event, for the stock row's {@code lastEventId}; null when none applied. */
    public String lastAppliedEventId() {
        for (Decided d : decided.reversed()) {
            if (d.result() instanceof ApplyResult.Applied) {
                return d.event().eventId();
            }
        }
        return null;
    }
}
