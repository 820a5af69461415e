package com.stockpulse.functions.viewer;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How much one socket may ask: a token bucket per connection ({@code perSecond} on average, {@code burst} at once).
 *
 * <p>Refusals are counted in windows of {@link #WINDOW_MILLIS}: the first of a window is answered with an error, the
 * rest get nothing (answering each would spend the posts the limit protects), and {@link #CLOSE_AFTER} in one window
 * mean the client ignores the error: its socket is closed. So a client a little over the limit for a moment is slowed,
 * and one that stays over it (at 1.5 times the rate, 5 refusals a second) is closed within seconds; allowed messages
 * in between do not forgive it.
 *
 * <p>The buckets live in this JVM: on AWS that is one Lambda execution environment, so a client whose messages
 * spread over several environments gets the limit in each, and the stage's throttling stays the outer bound. A limit
 * shared by every environment would cost a DynamoDB write per message, more than the {@code sync} it guards. At most
 * {@link #TRACKED} connections are remembered (the least recently active is forgotten first). Thread-safe.
 */
public final class MessageRateLimiter {

    /** Refusals within {@link #WINDOW_MILLIS} after which the socket is closed. */
    public static final int CLOSE_AFTER = 20;
    /** The window refusals are counted in; the first refusal of a window is answered with an error. */
    static final long WINDOW_MILLIS = 10_000;
    /** Connections remembered at once; a forgotten one starts again with a full bucket. */
    static final int TRACKED = 20_000;

    /** What to do with one message. */
    public enum Verdict {
        /** Answer it. */
        ALLOWED,
        /** The first refusal of a run: answer with an error that says to slow down. */
        REFUSED_WITH_ERROR,
        /** Refused again: send nothing. */
        REFUSED,
        /** The client ignores the refusals: close its socket. */
        CLOSE
    }

    private final double perMilli;
    private final int burst;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new LinkedHashMap<>(1_024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > TRACKED;
        }
    };

    public MessageRateLimiter(int perSecond, int burst, Clock clock) {
        if (perSecond < 1 || burst < 1) {
            throw new IllegalArgumentException("the rate and the burst must be at least 1");
        }
        this.perMilli = perSecond / 1_000.0;
        this.burst = burst;
        this.clock = clock;
    }

    public synchronized Verdict admit(String connectionId) {
        long now = clock.millis();
        Bucket bucket = buckets.computeIfAbsent(connectionId, id -> new Bucket(burst, now));
        if (bucket.closing) {
            return Verdict.REFUSED;
        }
        bucket.tokens = Math.min(burst, bucket.tokens + Math.max(0, now - bucket.refilledAt) * perMilli);
        bucket.refilledAt = now;
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return Verdict.ALLOWED;
        }
        if (now - bucket.windowStart >= WINDOW_MILLIS) {
            bucket.windowStart = now;
            bucket.refusalsInWindow = 0;
        }
        bucket.refusalsInWindow++;
        if (bucket.refusalsInWindow >= CLOSE_AFTER) {
            bucket.closing = true;
            return Verdict.CLOSE;
        }
        return bucket.refusalsInWindow == 1 ? Verdict.REFUSED_WITH_ERROR : Verdict.REFUSED;
    }

    /** The close of a connection told to {@link Verdict#CLOSE} did not go through: its next refusal tries again. */
    public synchronized void closeFailed(String connectionId) {
        Bucket bucket = buckets.get(connectionId);
        if (bucket != null) {
            bucket.closing = false;
        }
    }

    private static final class Bucket {
        double tokens;
        long refilledAt;
        long windowStart = Long.MIN_VALUE / 2;
        int refusalsInWindow;
        /** Told to close: what the socket still sends before the close lands gets nothing. */
        boolean closing;

        Bucket(double tokens, long refilledAt) {
            this.tokens = tokens;
            this.refilledAt = refilledAt;
        }
    }
}
