package com.stockpulse.local.apigateway;

import com.stockpulse.model.Json;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client socket, from open to close: its frames go to the route integration, its close to $disconnect, and it
 * is closed after API Gateway's two hours. Public because Jetty finds the listener methods by public lookup.
 */
public final class SocketEndpoint implements Session.Listener.AutoDemanding {

    private static final Logger LOG = LoggerFactory.getLogger(SocketEndpoint.class);

    private final LiveConnection connection;
    private final LiveConnections connections;
    private final RouteIntegration integration;
    private final WebSocketEvents events;
    private final EmulatorSettings settings;
    private final ScheduledExecutorService timers;

    SocketEndpoint(LiveConnection connection, LiveConnections connections, RouteIntegration integration,
                   WebSocketEvents events, EmulatorSettings settings, ScheduledExecutorService timers) {
        this.connection = connection;
        this.connections = connections;
        this.integration = integration;
        this.events = events;
        this.settings = settings;
        this.timers = timers;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        connection.session = session;
        connection.lastActiveAt = Instant.now();
        connection.hardClose = timers.schedule(() -> session.close(StatusCode.SHUTDOWN, "Going away", Callback.NOOP),
                settings.maxConnectionDuration().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void onWebSocketText(String message) {
        connection.lastActiveAt = Instant.now();
        integration.message(message, routeKey -> events.message(connection, routeKey, message), this::gatewayError);
    }

    /** API Gateway refuses binary frames from clients: it closes the socket with 1003 (and runs $disconnect). */
    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        callback.succeed();
        connection.session.close(StatusCode.BAD_DATA, "Binary frames are not supported", Callback.NOOP);
    }

    /** What API Gateway sends a client whose message its integration could not take or answer. */
    private void gatewayError(WebSocketEvents.RouteEvent event, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("message", message);
        body.put("connectionId", connection.connectionId);
        body.put("requestId", event.requestId());
        Session session = connection.session;
        if (session != null && session.isOpen()) {
            connections.sendInFrames(connection, Json.toString(body), new CompletableFuture<>());
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        connections.remove(connection.connectionId);
        if (connection.hardClose != null) {
            connection.hardClose.cancel(false);
        }
        if (statusCode == StatusCode.NO_CLOSE && !settings.disconnectOnAbort()) {
            LOG.debug("{} vanished without a close frame; $disconnect not sent", connection.connectionId);
            return;
        }
        integration.disconnect(events.disconnect(connection, statusCode, reason));
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("socket {}: {}", connection.connectionId, cause.toString());
    }
}
