package com.stockpulse.functions.stock;

import java.util.Optional;

/**
 * What one batch of sale records came to. {@code failedAt} is the sequence number of the first record that met a
 * store failure: it and every later record are retried by the event source mapping; earlier ones are done.
 */
public record BatchReport(int applied, int duplicates, int rejected, int invalid, Optional<String> failedAt) {
}
