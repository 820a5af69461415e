package com.stockpulse.functions.sales;

import com.stockpulse.functions.logging.LogFields;
import com.stockpulse.functions.store.ApplyResult;
import com.stockpulse.functions.store.StockCommit;
import com.stockpulse.functions.store.StockConflictException;
import com.stockpulse.functions.store.StockStore;
import com.stockpulse.functions.store.StoreFailedException;
import com.stockpulse.functions.store.StoreUnavailableException;
import com.stockpulse.model.InvalidMessageException;
import com.stockpulse.model.SaleEvent;
import com.stockpulse.model.StockLevel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a batch of sale records: per SKU, its events in shard order are decided against one read of the stock row
 * and written with one conditional commit (the row plus a processed-event row per event), so a hot SKU costs one row
 * write per batch instead of one per sale. Exactly once per {@code eventId}: an id seen earlier in the batch, or
 * already recorded (a producer's retry, a redelivery), is a duplicate. A malformed record is kept with its problem
 * ({@link StockStore#recordMalformed}), counted and skipped: it must never block the shard, nor be lost. A SKU whose commit keeps failing stops there; the report names the first
 * record left undecided so that it and everything after it are retried.
 */
public final class StockApplier {

    private static final Logger LOG = LoggerFactory.getLogger(StockApplier.class);
    /** Store outages and throttling: a few quick tries, then the records go back to the stream. */
    private static final int UNAVAILABLE_ATTEMPTS = 3;
    /** Lost races (another writer moved the row, or recorded some events first) resolve in a re-read or two. */
    private static final int CONFLICT_ATTEMPTS = 8;

    private final StockStore store;
    private final Clock clock;

    public StockApplier(StockStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** One event on its own, as the seed and the ops tools apply it. */
    public ApplyResult apply(SaleEvent event) {
        Tally tally = new Tally();
        List<Indexed> one = List.of(new Indexed(0, event));
        if (applySku(event.sku(), one, tally) != null) {
            throw new StoreUnavailableException("event " + event.eventId() + " could not be applied for now", null);
        }
        return tally.outcomes.get(event.eventId());
    }

    public BatchReport apply(List<SaleRecord> records) {
        Tally tally = new Tally();
        Map<String, List<Indexed>> bySku = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        int firstUndecided = Integer.MAX_VALUE;
        for (int i = 0; i < records.size(); i++) {
            SaleRecord record = records.get(i);
            try {
                SaleEvent event = SaleEvent.fromJson(record.data());
                // In record order, before grouping: the first copy of an event id in the shard is the one that counts.
                if (!seen.add(event.eventId())) {
                    tally.duplicate(event);
                    continue;
                }
                bySku.computeIfAbsent(event.sku(), sku -> new ArrayList<>()).add(new Indexed(i, event));
            } catch (InvalidMessageException e) {
                tally.invalid++;
                LOG.warn("keeping malformed sale record {}: {}", record.recordId(), e.getMessage());
                try {
                    store.recordMalformed(record.recordId(), e.problem().name() + ": " + e.getMessage(), record.data(),
                            clock.instant());
                } catch (StoreUnavailableException | StoreFailedException failed) {
                    LOG.warn("cannot keep malformed record {} for now: {}", record.recordId(),
                            failed.getMessage());
                    firstUndecided = Math.min(firstUndecided, i);
                }
            }
        }
        for (Map.Entry<String, List<Indexed>> sku : bySku.entrySet()) {
            // A failed SKU does not stop the others: their records are independent, and redelivered ones are deduped.
            Integer failedIndex = applySku(sku.getKey(), sku.getValue(), tally);
            if (failedIndex != null) {
                firstUndecided = Math.min(firstUndecided, failedIndex);
            }
        }
        Optional<String> failedAt = firstUndecided == Integer.MAX_VALUE
                ? Optional.empty() : Optional.of(records.get(firstUndecided).sequenceNumber());
        return new BatchReport(tally.applied, tally.duplicates, tally.oversold, tally.unknownSku, tally.invalid,
                tally.stockWrites, failedAt);
    }

    /** Decides and writes one SKU's events; returns the batch index of the first event left undecided, or null. */
    private Integer applySku(String sku, List<Indexed> events, Tally tally) {
        StockLevel level = null;
        boolean read = false;
        List<SaleEvent> pending = new ArrayList<>();
        List<Integer> pendingIndex = new ArrayList<>();
        for (int i = 0; i <= events.size(); i++) {
            boolean last = i == events.size();
            if (!last) {
                pending.add(events.get(i).event());
                pendingIndex.add(events.get(i).index());
            }
            if (pending.size() == StockStore.MAX_EVENTS_PER_COMMIT || (last && !pending.isEmpty())) {
                try {
                    if (!read) {
                        level = readLevel(sku);
                        read = true;
                    }
                    level = commit(sku, level, pending, tally);
                } catch (StoreUnavailableException | StoreFailedException e) {
                    LOG.warn("stopping {} at its event {}: {}", LogFields.sku(sku), LogFields.event(pending.getFirst().eventId()),
                            e.getMessage());
                    return pendingIndex.getFirst();
                }
                pending.clear();
                pendingIndex.clear();
            }
        }
        return null;
    }

    private StockLevel readLevel(String sku) {
        return store.get(sku).orElse(null);
    }

    /** Commits one chunk, re-deciding after lost races; returns the row as written (or as read if unchanged). */
    private StockLevel commit(String sku, StockLevel read, List<SaleEvent> chunk, Tally tally) {
        StockLevel level = read;
        List<SaleEvent> fresh = new ArrayList<>(chunk);
        int unavailable = 0;
        for (int conflicts = 0; ; ) {
            if (fresh.isEmpty()) {
                return level;
            }
            StockCommit commit = SkuBatch.decide(sku, level, fresh, clock.instant());
            try {
                store.commit(commit);
                tally.record(commit);
                return commit.changesStock() ? commit.next() : level;
            } catch (StockConflictException e) {
                if (++conflicts >= CONFLICT_ATTEMPTS) {
                    throw new StoreUnavailableException("stock of " + sku + " kept moving: " + e.getMessage(), e);
                }
                fresh.removeIf(event -> {
                    if (e.recordedEventIds().contains(event.eventId())) {
                        tally.duplicate(event);
                        return true;
                    }
                    return false;
                });
                if (e.rowMoved()) {
                    // Another writer of this SKU (a resharded stream, an ops tool): let it finish, then read again.
                    pause(conflicts);
                    level = readLevel(sku);
                }
            } catch (StoreUnavailableException e) {
                if (++unavailable >= UNAVAILABLE_ATTEMPTS) {
                    throw e;
                }
                pause(unavailable);
                // The write may have happened before the failure surfaced: decide again on what is there now.
                level = readLevel(sku);
            }
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(10, 40L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting to retry", e);
        }
    }

    private record Indexed(int index, SaleEvent event) {
    }

    /** Counts and per-event outcomes of one call. */
    private static final class Tally {
        int applied;
        int duplicates;
        int oversold;
        int unknownSku;
        int invalid;
        int stockWrites;
        final Map<String, ApplyResult> outcomes = new LinkedHashMap<>();

        void duplicate(SaleEvent event) {
            duplicates++;
            outcomes.put(event.eventId(), new ApplyResult.Duplicate());
            LOG.debug("event {} was decided before; ignored", LogFields.event(event.eventId()));
        }

        void record(StockCommit commit) {
            if (commit.changesStock()) {
                stockWrites++;
            }
            for (StockCommit.Decided d : commit.decided()) {
                outcomes.put(d.event().eventId(), d.result());
                switch (d.result()) {
                    case ApplyResult.Applied a -> applied++;
                    case ApplyResult.Rejected r -> {
                        switch (r.reason()) {
                            case INSUFFICIENT_STOCK -> oversold++;
                            case UNKNOWN_SKU -> unknownSku++;
                            case MALFORMED -> invalid++;
                        }
                        // Per event at DEBUG: a sold-out flash sale refuses hundreds a second; the batch log counts them.
                        LOG.debug("refused {} event {}: {} {} of {} ({} available)", d.event().type(),
                                LogFields.event(d.event().eventId()), r.reason(), d.event().quantity(), LogFields.sku(d.event().sku()),
                                r.available());
                    }
                    case ApplyResult.Duplicate dup -> duplicates++;
                }
            }
        }
    }
}
