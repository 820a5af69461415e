package com.stockpulse.functions.store.dynamodb;

import com.stockpulse.functions.store.StoreUnavailableException;
import java.util.concurrent.ThreadLocalRandom;

/** Jittered waits between retries of unprocessed batch items, as the DynamoDB docs ask. */
final class Backoff {

    private Backoff() {
    }

    static void sleep(int attempt) {
        long ceiling = Math.min(1_000, 25L << Math.min(attempt, 6));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting to retry", e);
        }
    }
}
