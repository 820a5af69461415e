package com.stockpulse.functions.fanout;

import java.time.Duration;

/**
 * How hard the fan-out pushes: {@code concurrency} posts in flight at most; throttled or failed posts retried with
 * full-jitter exponential backoff from {@code initialBackoff} up to {@code maxBackoff}, until {@code deadline}.
 */
public record FanOutSettings(int concurrency, Duration deadline, Duration initialBackoff, Duration maxBackoff) {

    public FanOutSettings {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
        }
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline must be positive, got " + deadline);
        }
    }

    public static FanOutSettings of(int concurrency, Duration deadline) {
        return new FanOutSettings(concurrency, deadline, Duration.ofMillis(20), Duration.ofSeconds(1));
    }
}
