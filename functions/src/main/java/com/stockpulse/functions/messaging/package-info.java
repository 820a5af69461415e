/**
 * Sending to a browser's socket: {@link ConnectionMessenger} (PostToConnection and DeleteConnection, thread-safe) and
 * its outcome, {@link PostStatus}, which the fan-out reads instead of catching exceptions, because 410 and 429 are
 * everyday answers in a broadcast. {@link ApiGatewayConnectionMessenger} wraps the SDK's Management API client with
 * SDK retries off (the fan-out retries with jitter against its own deadline). The in-memory twin,
 * {@code InMemoryConnectionMessenger}, lives in the test sources; in the local runtime the WebSocket API emulator is
 * the messenger for code in its own JVM, and serves {@code @connections} over HTTP for the SDK client.
 */
package com.stockpulse.functions.messaging;
