package com.stockpulse.functions.messaging;

/**
 * Sends bytes to one browser socket (API Gateway's PostToConnection), or closes it. Implementations:
 * {@code ApiGatewayConnectionMessenger} and {@code InMemoryConnectionMessenger}. Thread-safe: the fan-out posts from
 * many workers at once. Failures come back as a {@link PostStatus}, not as exceptions, because 410 and 429 are
 * everyday outcomes of a broadcast and a stack trace per gone viewer would cost more than the post.
 */
public interface ConnectionMessenger {

    /** Posts {@code payload} as one text frame. The array is not copied and must not change afterwards. */
    PostStatus post(String connectionId, byte[] payload);

    /**
     * Closes the socket from the server's side (API Gateway's DeleteConnection); the browser sees a close and
     * {@code $disconnect} runs. {@link PostStatus#DELIVERED} when the close was accepted, {@link PostStatus#GONE}
     * when the socket was already closed, the other statuses as for a post.
     */
    PostStatus disconnect(String connectionId);
}
