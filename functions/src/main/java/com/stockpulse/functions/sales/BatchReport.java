package com.stockpulse.functions.sales;

import java.util.Optional;

/**
 * What one batch of sale records came to. {@code failedAt} is the sequence number of the first record (in shard
 * order) that was not decided because of a store failure: it and every later record are retried by the event source
 * mapping (the later ones that were decided are then caught as duplicates). {@code stockWrites} counts writes of
 * stock rows: one per SKU per batch, however many sales it had. Refusals are counted by reason: {@code oversold}
 * (not enough stock), {@code unknownSku} (a sale of a SKU with no row); {@code invalid} records were kept as malformed.
 */
public record BatchReport(int applied, int duplicates, int oversold, int unknownSku, int invalid, int stockWrites,
                          Optional<String> failedAt) {

    /** Every refused sale, whatever the reason. */
    public int rejected() {
        return oversold + unknownSku;
    }
}
