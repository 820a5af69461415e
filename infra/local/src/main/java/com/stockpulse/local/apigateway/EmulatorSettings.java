package com.stockpulse.local.apigateway;

import java.time.Duration;

/**
 * How the emulated WebSocket API behaves. Defaults are API Gateway's documented quotas; tests shorten the times.
 * Built by a {@link Builder}; the {@code with…} methods are its shortest uses.
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

    /** API Gateway's documented quotas, listening on {@code port} of 127.0.0.1 (0: any free port). */
    public static EmulatorSettings defaults(int port) {
        return new Builder().port(port).build();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public EmulatorSettings withPort(int listenOn) {
        return toBuilder().port(listenOn).build();
    }

    public EmulatorSettings withTimeouts(Duration idle, Duration maxDuration) {
        return toBuilder().idleTimeout(idle).maxConnectionDuration(maxDuration).build();
    }

    public EmulatorSettings withPostRate(double perSecond, int burst) {
        return toBuilder().postsPerSecond(perSecond).postBurst(burst).build();
    }

    public EmulatorSettings withDisconnectOnAbort(boolean disconnect) {
        return toBuilder().disconnectOnAbort(disconnect).build();
    }

    public EmulatorSettings withMaxConcurrentInvocations(int invocations) {
        return toBuilder().maxConcurrentInvocations(invocations).build();
    }

    public EmulatorSettings withConnectRate(double perSecond) {
        return toBuilder().connectsPerSecond(perSecond).build();
    }

    public EmulatorSettings withIntegrationTimeout(Duration timeout) {
        return toBuilder().integrationTimeout(timeout).build();
    }

    /** One setting at a time, over API Gateway's quotas (or over the settings it was made from). */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private Duration idleTimeout = Duration.ofMinutes(10);
        private Duration maxConnectionDuration = Duration.ofHours(2);
        private int maxFrameBytes = 32 * 1024;
        private int maxMessageBytes = 128 * 1024;
        private double postsPerSecond = 10_000;
        private int postBurst = 5_000;
        private int maxQueuedFrames = 1_000;
        private Duration functionTimeout = Duration.ofSeconds(30);
        private int maxConcurrentInvocations = 1_000;
        private boolean disconnectOnAbort = true;
        private double connectsPerSecond = DEFAULT_CONNECTS_PER_SECOND;
        private Duration integrationTimeout = Duration.ofSeconds(29);

        private Builder() {
        }

        private Builder(EmulatorSettings s) {
            host = s.host;
            port = s.port;
            idleTimeout = s.idleTimeout;
            maxConnectionDuration = s.maxConnectionDuration;
            maxFrameBytes = s.maxFrameBytes;
            maxMessageBytes = s.maxMessageBytes;
            postsPerSecond = s.postsPerSecond;
            postBurst = s.postBurst;
            maxQueuedFrames = s.maxQueuedFrames;
            functionTimeout = s.functionTimeout;
            maxConcurrentInvocations = s.maxConcurrentInvocations;
            disconnectOnAbort = s.disconnectOnAbort;
            connectsPerSecond = s.connectsPerSecond;
            integrationTimeout = s.integrationTimeout;
        }

        public Builder host(String value) {
            this.host = value;
            return this;
        }

        public Builder port(int value) {
            this.port = value;
            return this;
        }

        public Builder idleTimeout(Duration value) {
            this.idleTimeout = value;
            return this;
        }

        public Builder maxConnectionDuration(Duration value) {
            this.maxConnectionDuration = value;
            return this;
        }

        public Builder maxFrameBytes(int value) {
            this.maxFrameBytes = value;
            return this;
        }

        public Builder maxMessageBytes(int value) {
            this.maxMessageBytes = value;
            return this;
        }

        public Builder postsPerSecond(double value) {
            this.postsPerSecond = value;
            return this;
        }

        public Builder postBurst(int value) {
            this.postBurst = value;
            return this;
        }

        public Builder maxQueuedFrames(int value) {
            this.maxQueuedFrames = value;
            return this;
        }

        public Builder functionTimeout(Duration value) {
            this.functionTimeout = value;
            return this;
        }

        public Builder maxConcurrentInvocations(int value) {
            this.maxConcurrentInvocations = value;
            return this;
        }

        public Builder disconnectOnAbort(boolean value) {
            this.disconnectOnAbort = value;
            return this;
        }

        public Builder connectsPerSecond(double value) {
            this.connectsPerSecond = value;
            return this;
        }

        public Builder integrationTimeout(Duration value) {
            this.integrationTimeout = value;
            return this;
        }

        public EmulatorSettings build() {
            return new EmulatorSettings(host, port, idleTimeout, maxConnectionDuration, maxFrameBytes,
                    maxMessageBytes, postsPerSecond, postBurst, maxQueuedFrames, functionTimeout,
                    maxConcurrentInvocations, disconnectOnAbort, connectsPerSecond, integrationTimeout);
        }
    }
}
