package com.stockpulse.local.apigateway;

import com.stockpulse.functions.messaging.ConnectionMessenger;
import com.stockpulse.functions.messaging.PostStatus;
import com.stockpulse.local.chaos.Chaos;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;

/**
 * The sockets API Gateway tracks, from $connect to close, and what the Management API does to them: post (framed as
 * API Gateway frames), delete. Both doors use it: the HTTP {@code @connections} endpoint, and code in this JVM, to
 * which it is the messenger itself.
 */
final class LiveConnections implements ConnectionMessenger {

    private final EmulatorSettings settings;
    private final Map<String, LiveConnection> connections = new ConcurrentHashMap<>();
    private final TokenBucket postBucket;
    private final LongAdder postsDelivered = new LongAdder();
    private final SecureRandom random = new SecureRandom();
    private volatile Chaos chaos = Chaos.NONE;

    LiveConnections(EmulatorSettings settings) {
        this.settings = settings;
        this.postBucket = new TokenBucket(settings.postsPerSecond(), settings.postBurst());
    }

    /** From now on posts fail with 5xx or 429 as {@code faults} says. */
    void injectFaults(Chaos faults) {
        this.chaos = faults;
    }

    /** A new id for a socket being connected: base64 like AWS's, never one in use. */
    String newConnectionId() {
        byte[] bytes = new byte[11];
        while (true) {
            random.nextBytes(bytes);
            String id = Base64.getEncoder().encodeToString(bytes);
            // AWS ids are base64 too; ids with '/' would need %2F in the management path, which Jetty refuses.
            if (id.indexOf('/') < 0 && !connections.containsKey(id)) {
                return id;
            }
        }
    }

    void add(LiveConnection connection) {
        connections.put(connection.connectionId, connection);
    }

    void remove(String connectionId) {
        connections.remove(connectionId);
    }

    LiveConnection get(String connectionId) {
        return connections.get(connectionId);
    }

    Collection<LiveConnection> all() {
        return connections.values();
    }

    /** Sockets that are open now (not those still in $connect). */
    int openCount() {
        return (int) connections.values().stream().filter(LiveConnection::isOpen).count();
    }

    List<String> openIds() {
        return connections.values().stream().filter(LiveConnection::isOpen).map(c -> c.connectionId).toList();
    }

    long postsDelivered() {
        return postsDelivered.sum();
    }

    /**
     * PostToConnection as API Gateway answers it: 413 over 128 KB, 429 past the account's token bucket, 410 before the
     * socket opened and after it closed, else the message is queued (not written: API Gateway answers once it accepted
     * a message, so a slow reader never holds the caller) or, past the connection's queue limit, refused at once with
     * 429.
     */
    @Override
    public PostStatus post(String connectionId, byte[] data) {
        if (data.length > settings.maxMessageBytes()) {
            return PostStatus.PAYLOAD_TOO_LARGE;
        }
        if (!postBucket.tryTake() || chaos.post429()) {
            return PostStatus.THROTTLED;
        }
        if (chaos.post5xx()) {
            return PostStatus.TEMPORARY_FAILURE;
        }
        LiveConnection connection = connections.get(connectionId);
        if (connection == null || !connection.isOpen()) {
            return PostStatus.GONE;
        }
        CompletableFuture<Void> sent = new CompletableFuture<>();
        sendInFrames(connection, new String(data, StandardCharsets.UTF_8), sent);
        if (sent.isCompletedExceptionally()) {
            return connection.isOpen() ? PostStatus.THROTTLED : PostStatus.GONE;
        }
        connection.lastActiveAt = Instant.now();
        postsDelivered.increment();
        return PostStatus.DELIVERED;
    }

    /**
     * API Gateway sends a message of up to 128 KB in frames of at most 32 KB. Four bytes per character at most in
     * UTF-8, so a quarter of the frame limit in characters always fits; surrogate pairs are never split.
     *
     * <p>All of a message's frames are queued at once, under the connection's lock: Jetty's session keeps the state of
     * a partial message in an unguarded field, so two posts to one socket at the same moment (a broadcast and a sync
     * answer) would interleave their frames or fail; API Gateway serializes posts to a connection the same way.
     * Queuing does not wait for the network; past the connection's frame queue Jetty fails the frame. If any frame of
     * a message of several fails, the client holds part of a message and Jetty may still think one is under way, so
     * the next post would not frame right: the socket is cut instead, and the client reconnects and syncs, as after
     * any lost connection. A one-frame message that fails sent nothing and leaves the socket as it was.
     */
    void sendInFrames(LiveConnection connection, String text, CompletableFuture<Void> sent) {
        int step = Math.max(1, settings.maxFrameBytes() / 4);
        boolean severalFrames = text.length() > step;
        synchronized (connection) {
            Session session = connection.session;
            int from = 0;
            do {
                int to = Math.min(text.length(), from + step);
                if (to < text.length() && Character.isHighSurrogate(text.charAt(to - 1))) {
                    to--;
                }
                boolean last = to == text.length();
                session.sendPartialText(text.substring(from, to), last, Callback.from(
                        () -> {
                            if (last) {
                                sent.complete(null);
                            }
                        }, failure -> {
                            sent.completeExceptionally(failure);
                            if (severalFrames) {
                                session.disconnect();
                            }
                        }));
                from = to;
            } while (from < text.length() && !sent.isDone());
        }
    }

    /** DeleteConnection: 410 for a socket not open, else a close frame from the server. */
    @Override
    public PostStatus disconnect(String connectionId) {
        LiveConnection connection = connections.get(connectionId);
        if (connection == null || !connection.isOpen()) {
            return PostStatus.GONE;
        }
        connection.session.close(StatusCode.NORMAL, "Connection closed by the server", Callback.NOOP);
        return PostStatus.DELIVERED;
    }
}
