package com.stockpulse.functions.viewer;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How much one socket may ask: a token bucket per connection ({@code perSecond} on average, {@code burst} at once).
 *
 * <p>The first message past the limit is answered with an error; the rest of that run get nothing (answering each
 * would spend the posts the limit protects); {@link #CLOSE_AFTER} refusals in a row mean the client ignores the
 * error, and its socket is closed. An allowed message ends the run, so a client that only sometimes goes too fast is
 * slowed, not cut off.
 *
 * <p>The buckets live in this JVM: on AWS that is one Lambda execution environment, so a client whose messages
 * spread over several environments gets the limit in each, and the stage's throttling stays the outer bound. A limit
 * shared by every environment would cost a DynamoDB write per message, more than the {@code sync} it guards. At most
 * {@link #TRACKED} connections are remembered (the least recently active is forgotten first). Thread-safe.
 */
public final class MessageRateLimiter {

    /** Refusals in a row after which the socket is closed. */
    public static final int CLOSE_AFTER = 20;
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
            bucket.refusalsInARow = 0;
            return Verdict.ALLOWED;
        }
        bucket.refusalsInARow++;
        if (bucket.refusalsInARow >= CLOSE_AFTER) {
            bucket.closing = true;
            return Verdict.CLOSE;
        }
        return bucket.refusalsInARow == 1 ? Verdict.REFUSED_WITH_ERROR : Verdict.REFUSED;
    }

    private static final class Bucket {
        double tokens;
        long refilledAt;
        int refusalsInARow;
        /** Told to close: what the socket still sends before the close lands gets nothing. */
        boolean closing;

        Bucket(double tokens, long refilledAt) {
            this.tokens = tokens;
            this.refilledAt = refilledAt;
        }
    }
}
