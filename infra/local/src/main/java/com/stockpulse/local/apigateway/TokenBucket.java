package com.stockpulse.local.apigateway;

/** The account-level throttle of PostToConnection: {@code rate} tokens per second, at most {@code burst} saved. */
final class TokenBucket {

    private final double ratePerNano;
    private final double capacity;
    private double tokens;
    private long refilledAt;

    TokenBucket(double perSecond, int burst) {
        this.ratePerNano = perSecond / 1e9;
        this.capacity = burst;
        this.tokens = burst;
        this.refilledAt = System.nanoTime();
    }

    synchronized boolean tryTake() {
        long now = System.nanoTime();
        tokens = Math.min(capacity, tokens + (now - refilledAt) * ratePerNano);
        refilledAt = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
