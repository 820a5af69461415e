package com.stockpulse.functions.broadcast;

import java.util.Arrays;

/**
 * The PostToConnection calls per second one fan-out may spend, shared by its workers and kept across invocations
 * (one per container). Posts are paced one interval apart (a generic cell rate algorithm without burst), and the
 * moment each post is let go is remembered for a second: a worker that woke late from its slot never pushes any
 * window of one second over the budget. API Gateway's account bucket (10,000/s, burst 5,000) is shared with every
 * other caller, and the fan-out must leave it its share even in a flash sale.
 */
public final class PostBudget {

    private static final long SECOND = 1_000_000_000L;

    private final Ticker ticker;
    private final long intervalNanos;
    private final int perSecond;
    /** When the next post may go at the earliest (the algorithm's theoretical arrival time). */
    private long nextSlot = Long.MIN_VALUE;
    /** When the last {@code perSecond} posts were let go, oldest at {@code oldest}. */
    private final long[] released;
    private int oldest;

    private PostBudget(Ticker ticker, int perSecond) {
        this.ticker = ticker;
        this.perSecond = perSecond;
        // Rounded up: floor(1 s / interval) posts fit in any half-open one-second window, never more than perSecond.
        this.intervalNanos = perSecond == 0 ? 0 : (SECOND + perSecond - 1) / perSecond;
        this.released = new long[perSecond];
        Arrays.fill(released, Long.MIN_VALUE / 2);
    }

    /** At most {@code perSecond} posts in any second. */
    public static PostBudget perSecond(int perSecond, Ticker ticker) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("a post budget is at least 1 per second, got " + perSecond);
        }
        return new PostBudget(ticker, perSecond);
    }

    /** No limit: unit tests and the benchmark of our own code. */
    public static PostBudget unlimited() {
        return new PostBudget(Ticker.system(), 0);
    }

    /** Posts per second; 0 when unlimited. */
    public int perSecond() {
        return perSecond;
    }

    /**
     * The share of the budget, in percent, let go in the second before now, across invocations and workers: how close
     * the fan-out is to its limit. 0 when unlimited.
     */
    public synchronized double usedPercent() {
        if (intervalNanos == 0) {
            return 0;
        }
        long since = ticker.nanoTime() - SECOND;
        int used = 0;
        for (long releasedAt : released) {
            if (releasedAt > since) {
                used++;
            }
        }
        return 100.0 * used / perSecond;
    }

    /**
     * Takes the next slot and waits for it. Returns false, taking nothing, when that slot would come after
     * {@code deadlineNanos} (on the ticker's clock).
     */
    public boolean acquire(long deadlineNanos) throws InterruptedException {
        if (intervalNanos == 0) {
            return true;
        }
        long wait;
        synchronized (this) {
            long now = ticker.nanoTime();
            long slot = Math.max(nextSlot, now);
            if (slot > deadlineNanos) {
                return false;
            }
            nextSlot = slot + intervalNanos;
            wait = slot - now;
        }
        if (wait > 0) {
            ticker.sleepNanos(wait);
        }
        while (true) {
            synchronized (this) {
                long now = ticker.nanoTime();
                long windowFrees = released[oldest] + SECOND;
                if (now >= windowFrees) {
                    released[oldest] = now;
                    oldest = (oldest + 1) % released.length;
                    return true;
                }
                if (windowFrees > deadlineNanos) {
                    return false;
                }
                wait = windowFrees - now;
            }
            ticker.sleepNanos(wait);
        }
    }
}
