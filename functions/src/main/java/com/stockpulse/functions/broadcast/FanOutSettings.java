package com.stockpulse.functions.broadcast;

import java.time.Duration;

/**
 * How hard the fan-out pushes: {@code concurrency} posts in flight at most, {@code postsPerSecond} posts per second
 * at most (0: no budget), and until {@code deadline}. A post answered 429 or 5xx is retried at most
 * {@code retriesPerConnection} times with full-jitter backoff from {@code initialBackoff} up to {@code maxBackoff},
 * then that viewer is skipped: it catches up with the next change or its next sync. A broadcast that runs longer than
 * {@code refreshAfter} reads its SKU again and sends a newer value to the viewers it has not reached yet.
 */
public record FanOutSettings(int concurrency, Duration deadline, int postsPerSecond, int retriesPerConnection,
                             Duration initialBackoff, Duration maxBackoff, Duration refreshAfter) {

    public FanOutSettings {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
        }
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline must be positive, got " + deadline);
        }
        if (postsPerSecond < 0) {
            throw new IllegalArgumentException("postsPerSecond must not be negative, got " + postsPerSecond);
        }
        if (retriesPerConnection < 0) {
            throw new IllegalArgumentException("retriesPerConnection must not be negative, got " + retriesPerConnection);
        }
    }

    /** No post budget; two retries per viewer. */
    public static FanOutSettings of(int concurrency, Duration deadline) {
        return new FanOutSettings(concurrency, deadline, 0, 2, Duration.ofMillis(20), Duration.ofMillis(250),
                Duration.ofMillis(100));
    }

    public FanOutSettings withPostsPerSecond(int budget) {
        return new FanOutSettings(concurrency, deadline, budget, retriesPerConnection, initialBackoff, maxBackoff,
                refreshAfter);
    }

    public FanOutSettings withRetriesPerConnection(int retries) {
        return new FanOutSettings(concurrency, deadline, postsPerSecond, retries, initialBackoff, maxBackoff,
                refreshAfter);
    }

    PostBudget budget(Ticker ticker) {
        return postsPerSecond == 0 ? PostBudget.unlimited() : PostBudget.perSecond(postsPerSecond, ticker);
    }
}
