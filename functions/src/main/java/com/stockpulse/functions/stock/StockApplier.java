package com.stockpulse.functions.stock;

import com.stockpulse.functions.store.ApplyResult;
import com.stockpulse.functions.store.StockStore;
import com.stockpulse.functions.store.StoreFailedException;
import com.stockpulse.functions.store.StoreUnavailableException;
import com.stockpulse.model.InvalidMessageException;
import com.stockpulse.model.SaleEvent;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Applies a batch of sale records in shard order. A malformed record or a refused sale is logged, counted and
 * skipped: it must never block the shard. A store failure stops the batch at that record, so that it and the records
 * after it are retried while the ones before it are not applied twice (and if they were, the dedupe row catches it).
 */
public final class StockApplier {

    private static final System.Logger LOG = System.getLogger(StockApplier.class.getName());
    /** Transaction conflicts between concurrent batches clear in milliseconds; try a few times before failing. */
    private static final int ATTEMPTS = 3;

    private final StockStore store;
    private final Clock clock;

    public StockApplier(StockStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public BatchReport apply(List<SaleRecord> records) {
        int applied = 0;
        int duplicates = 0;
        int rejected = 0;
        int invalid = 0;
        for (SaleRecord record : records) {
            SaleEvent event;
            try {
                event = SaleEvent.fromJson(record.data());
            } catch (InvalidMessageException e) {
                invalid++;
                LOG.log(Level.WARNING, "skipping malformed sale record {0}: {1}", record.sequenceNumber(), e.getMessage());
                continue;
            }
            ApplyResult result;
            try {
                result = applyWithRetry(event);
            } catch (StoreUnavailableException | StoreFailedException e) {
                LOG.log(Level.WARNING, "stopping batch at record {0} (event {1}): {2}",
                        record.sequenceNumber(), event.eventId(), e.getMessage());
                return new BatchReport(applied, duplicates, rejected, invalid, Optional.of(record.sequenceNumber()));
            }
            switch (result) {
                case ApplyResult.Applied a -> applied++;
                case ApplyResult.Duplicate d -> {
                    duplicates++;
                    LOG.log(Level.INFO, "event {0} was applied before; redelivery ignored", event.eventId());
                }
                case ApplyResult.Rejected r -> {
                    rejected++;
                    LOG.log(Level.WARNING, "rejected {0} event {1}: {2} {3} of {4} ({5} available)", event.type(),
                            event.eventId(), r.reason(), event.quantity(), event.sku(), r.available());
                }
            }
        }
        return new BatchReport(applied, duplicates, rejected, invalid, Optional.empty());
    }

    private ApplyResult applyWithRetry(SaleEvent event) {
        for (int attempt = 1; ; attempt++) {
            try {
                return store.apply(event, clock.instant());
            } catch (StoreUnavailableException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                pause(attempt);
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
}
