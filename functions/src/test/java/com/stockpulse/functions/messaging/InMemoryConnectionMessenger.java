package com.stockpulse.functions.messaging;

import com.stockpulse.model.Limits;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Management API without API Gateway: for unit tests and benchmarks. It keeps what each connection received,
 * answers 410 for connections marked gone and 413 over 128 KB, and can answer 429 to a share of calls and take
 * a fixed time per post, to play a throttled account or a slow network.
 */
public final class InMemoryConnectionMessenger implements ConnectionMessenger {

    private final Map<String, ConcurrentLinkedQueue<byte[]>> received = new ConcurrentHashMap<>();
    private final Set<String> gone = ConcurrentHashMap.newKeySet();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final double throttleShare;
    private final Duration latency;
    private final boolean keepPayloads;

    private InMemoryConnectionMessenger(double throttleShare, Duration latency, boolean keepPayloads) {
        this.throttleShare = throttleShare;
        this.latency = latency;
        this.keepPayloads = keepPayloads;
    }

    public static InMemoryConnectionMessenger create() {
        return new InMemoryConnectionMessenger(0, Duration.ZERO, true);
    }

    /** Answers 429 to {@code share} (0..1) of the calls, chosen at random. */
    public static InMemoryConnectionMessenger throttling(double share) {
        return new InMemoryConnectionMessenger(share, Duration.ZERO, true);
    }

    /** Takes {@code latency} per post, as a network round trip would. */
    public static InMemoryConnectionMessenger slow(Duration latency) {
        return new InMemoryConnectionMessenger(0, latency, true);
    }

    /** Counts posts without keeping payloads, so a benchmark measures the fan-out rather than this twin. */
    public static InMemoryConnectionMessenger counting() {
        return new InMemoryConnectionMessenger(0, Duration.ZERO, false);
    }

    /** From now on posts to this connection answer 410 Gone. */
    public void markGone(String connectionId) {
        gone.add(connectionId);
    }

    @Override
    public PostStatus post(String connectionId, byte[] payload) {
        calls.incrementAndGet();
        if (!latency.isZero()) {
            try {
                Thread.sleep(latency);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return PostStatus.TEMPORARY_FAILURE;
            }
        }
        if (gone.contains(connectionId)) {
            return PostStatus.GONE;
        }
        if (payload.length > Limits.MAX_POST_BYTES) {
            return PostStatus.PAYLOAD_TOO_LARGE;
        }
        if (throttleShare > 0 && ThreadLocalRandom.current().nextDouble() < throttleShare) {
            throttled.incrementAndGet();
            return PostStatus.THROTTLED;
        }
        delivered.incrementAndGet();
        if (keepPayloads) {
            received.computeIfAbsent(connectionId, id -> new ConcurrentLinkedQueue<>()).add(payload);
        }
        return PostStatus.DELIVERED;
    }

    @Override
    public PostStatus disconnect(String connectionId) {
        calls.incrementAndGet();
        return gone.add(connectionId) ? PostStatus.DELIVERED : PostStatus.GONE;
    }

    /** Whether the connection was closed or marked gone. */
    public boolean isGone(String connectionId) {
        return gone.contains(connectionId);
    }

    /** The frames a connection received, as text, in order of arrival. */
    public List<String> messagesTo(String connectionId) {
        List<String> texts = new ArrayList<>();
        for (byte[] payload : received.getOrDefault(connectionId, new ConcurrentLinkedQueue<>())) {
            texts.add(new String(payload, StandardCharsets.UTF_8));
        }
        return texts;
    }

    /** The connections that received at least one frame. */
    public Set<String> recipients() {
        return Set.copyOf(received.keySet());
    }

    public long calls() {
        return calls.get();
    }

    public long deliveredCalls() {
        return delivered.get();
    }

    public long throttledCalls() {
        return throttled.get();
    }
}
