package com.stockpulse.local.apigateway;

import java.time.Duration;

/**
 * How the emulated WebSocket API behaves. Defaults are API Gateway's documented quotas; tests shorten the times.
 *
 * @param idleTimeout            a connection with no traffic is closed after this (API Gateway: 10 minutes)
 * @param maxConnectionDuration  every connection is closed after this (API Gateway: 2 hours)
 * @param maxFrameBytes          largest WebSocket frame a client may send (API Gateway: 32 KB)
 * @param maxMessageBytes        largest message a client may send and PostToConnection may carry (128 KB)
 * @param postsPerSecond         the account's PostToConnection rate (10,000/s), refilled continuously
 * @param postBurst              the token bucket's size (5,000)
 * @param maxQueuedFrames        frames waiting for a slow client before posts to it answer 429
 * @param maxConcurrentInvocations message-route invocations at once (the account's Lambda concurrency, 1,000); a
 *                               frame past it gets API Gateway's "Too Many Requests" error
 * @param disconnectOnAbort      invoke $disconnect when a client vanishes without a close frame; AWS does so
 *                               on a best-effort basis, and tests turn it off to prove the 410 path cleans up
 * @param connectsPerSecond      new connections the account may open per second (API Gateway: 500 per account and
 *                               Region, as a bucket of that size); an upgrade past it is answered 429
 * @param integrationTimeout     how long API Gateway waits for a route's integration (29 s): past it $connect is
 *                               answered 504 and a message gets "Endpoint request timed out", while the function
 *                               runs on to its own timeout
 */
public record EmulatorSettings(String host, int port, Duration idleTimeout, Duration maxConnectionDuration,
                               int maxFrameBytes, int maxMessageBytes, double postsPerSecond, int postBurst,
                               int maxQueuedFrames, Duration functionTimeout, int maxConcurrentInvocations,
                               boolean disconnectOnAbort, double connectsPerSecond, Duration integrationTimeout) {

    /** API Gateway's quota of new connections per second, per account and Region. */
    public static final int DEFAULT_CONNECTS_PER_SECOND = 500;

    public static EmulatorSettings defaults(int port) {
        return new EmulatorSettings("127.0.0.1", port, Duration.ofMinutes(10), Duration.ofHours(2), 32 * 1024,
                128 * 1024, 10_000, 5_000, 1_000, Duration.ofSeconds(30), 1_000, true, DEFAULT_CONNECTS_PER_SECOND,
                Duration.ofSeconds(29));
    }

    public EmulatorSettings withPort(int listenOn) {
        return new EmulatorSettings(host, listenOn, idleTimeout, maxConnectionDuration, maxFrameBytes, maxMessageBytes,
                postsPerSecond, postBurst, maxQueuedFrames, functionTimeout, maxConcurrentInvocations, disconnectOnAbort,
                connectsPerSecond, integrationTimeout);
    }

    public EmulatorSettings withTimeouts(Duration idle, Duration maxDuration) {
        return new EmulatorSettings(host, port, idle, maxDuration, maxFrameBytes, maxMessageBytes, postsPerSecond,
                postBurst, maxQueuedFrames, functionTimeout, maxConcurrentInvocations, disconnectOnAbort,
                connectsPerSecond, integrationTimeout);
    }

    public EmulatorSettings withPostRate(double perSecond, int burst) {
        return new EmulatorSettings(host, port, idleTimeout, maxConnectionDuration, maxFrameBytes, maxMessageBytes,
                perSecond, burst, maxQueuedFrames, functionTimeout, maxConcurrentInvocations, disconnectOnAbort,
                connectsPerSecond, integrationTimeout);
    }

    public EmulatorSettings withDisconnectOnAbort(boolean disconnect) {
        return new EmulatorSettings(host, port, idleTimeout, maxConnectionDuration, maxFrameBytes, maxMessageBytes,
                postsPerSecond, postBurst, maxQueuedFrames, functionTimeout, maxConcurrentInvocations, disconnect,
                connectsPerSecond, integrationTimeout);
    }

    public EmulatorSettings withMaxConcurrentInvocations(int invocations) {
        return new EmulatorSettings(host, port, idleTimeout, maxConnectionDuration, maxFrameBytes, maxMessageBytes,
                postsPerSecond, postBurst, maxQueuedFrames, functionTimeout, invocations, disconnectOnAbort,
                connectsPerSecond, integrationTimeout);
    }

    public EmulatorSettings withConnectRate(double perSecond) {
        return new EmulatorSettings(host, port, idleTimeout, maxConnectionDuration, maxFrameBytes, maxMessageBytes,
                postsPerSecond, postBurst, maxQueuedFrames, functionTimeout, maxConcurrentInvocations, disconnectOnAbort,
                perSecond, integrationTimeout);
    }

    public EmulatorSettings withIntegrationTimeout(Duration timeout) {
        return new EmulatorSettings(host, port, idleTimeout, maxConnectionDuration, maxFrameBytes, maxMessageBytes,
                postsPerSecond, postBurst, maxQueuedFrames, functionTimeout, maxConcurrentInvocations, disconnectOnAbort,
                connectsPerSecond, timeout);
    }
}
