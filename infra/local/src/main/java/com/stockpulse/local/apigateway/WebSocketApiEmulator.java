package com.stockpulse.local.apigateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.stockpulse.functions.messaging.ConnectionMessenger;
import com.stockpulse.functions.messaging.PostStatus;
import com.stockpulse.local.StartupFailedException;
import com.stockpulse.local.chaos.Chaos;
import com.stockpulse.local.lambda.LocalLambdaContext;
import com.stockpulse.model.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.lang.System.Logger.Level;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.ExtensionConfig;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * An API Gateway WebSocket API on one port, for the local runtime: {@code ws://host:port/?page=…} for browsers and
 * {@code http://host:port/@connections/{id}} (POST, GET, DELETE) for the unchanged SDK Management API client.
 *
 * <p>Like AWS: each socket gets a connection id; {@code $connect} runs before the upgrade and a non-2xx answer
 * refuses it; messages are routed by {@code $request.body.action} with {@code $default} as fallback; posts answer
 * 410 before the socket opened and after it closed, 413 over 128 KB, 429 past the account's token bucket or when a
 * slow client's queue is full; idle sockets close after 10 minutes and every socket after 2 hours.
 */
public final class WebSocketApiEmulator implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(WebSocketApiEmulator.class.getName());
    private static final String CONNECTIONS_PATH = "/@connections/";
    /** Oversize @connections bodies up to this are read and dropped before the 413; larger ones are not read. */
    private static final long DRAINED = 1024 * 1024;
    private static final int MAX_THREADS = 400;

    private final EmulatorSettings settings;
    private final WebSocketRoutes routes;
    private final Map<String, LiveConnection> connections = new ConcurrentHashMap<>();
    private final TokenBucket postBucket;
    private final LongAdder postsDelivered = new LongAdder();
    private final ExecutorService invocations = Executors.newVirtualThreadPerTaskExecutor();
    /**
     * Message-route invocations running at once, as the account's Lambda concurrency bounds them on AWS; a frame that
     * arrives past it is answered at once with API Gateway's throttling error instead of a thread of its own.
     * $disconnect is never refused: there is at most one per socket.
     */
    private final Semaphore invoking;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "websocket-api-timers");
        thread.setDaemon(true);
        return thread;
    });
    private final SecureRandom random = new SecureRandom();
    /**
     * At most this many $connect invocations at once; past it an upgrade is refused with 429 at once. Requests run on
     * virtual threads, so upgrades waiting on a slow $connect (a cold JIT, a DynamoDB hiccup in a connect storm)
     * never take the threads the @connections API needs.
     */
    private static final int MAX_CONNECTING = 2_000;
    private final Semaphore connecting = new Semaphore(MAX_CONNECTING);
    private final ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();
    private final Server server;
    private final WebSocketEvents events;
    private volatile Chaos chaos = Chaos.NONE;
    private final int port;

    private WebSocketApiEmulator(EmulatorSettings settings, WebSocketRoutes routes) {
        this.settings = settings;
        this.routes = routes;
        this.postBucket = new TokenBucket(settings.postsPerSecond(), settings.postBurst());
        this.invoking = new Semaphore(settings.maxConcurrentInvocations());
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 8);
        threads.setName("websocket-api");
        threads.setDaemon(true);
        threads.setVirtualThreadsExecutor(requests);
        this.server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        server.addConnector(connector);
        ContextHandler context = new ContextHandler("/");
        WebSocketUpgradeHandler upgrade = WebSocketUpgradeHandler.from(server, context, container -> {
            container.setIdleTimeout(settings.idleTimeout());
            container.setMaxTextMessageSize(settings.maxMessageBytes());
            container.setMaxBinaryMessageSize(settings.maxMessageBytes());
            container.setMaxFrameSize(settings.maxFrameBytes());
            // Jetty would split an oversize frame instead of refusing it; API Gateway refuses frames over 32 KB.
            container.setAutoFragment(false);
            container.setMaxOutgoingFrames(settings.maxQueuedFrames());
            container.addMapping("/", this::upgrade);
        });
        upgrade.setHandler(new ManagementApi());
        context.setHandler(upgrade);
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly();
            if (e instanceof IOException && e.getCause() instanceof BindException || e instanceof BindException) {
                throw new StartupFailedException("port " + settings.port() + " on " + settings.host()
                        + " is taken: stop what uses it or choose another WebSocket port", e);
            }
            throw new StartupFailedException("the WebSocket API emulator did not start: " + e.getMessage(), e);
        }
        this.port = connector.getLocalPort();
        this.events = new WebSocketEvents("local", "local", settings.host() + ":" + port);
    }

    public static WebSocketApiEmulator start(EmulatorSettings settings, WebSocketRoutes routes) {
        return new WebSocketApiEmulator(settings, routes);
    }

    /**
     * From now on, posts fail with 5xx or 429 and open sockets are cut without a close frame as {@code faults}
     * says (once a second, each socket rolls its chance).
     */
    public void injectFaults(Chaos faults) {
        this.chaos = faults;
        if (faults.dropsSockets()) {
            timers.scheduleAtFixedRate(() -> {
                try {
                    for (LiveConnection connection : connections.values()) {
                        Session session = connection.session;
                        if (session != null && session.isOpen() && chaos.dropSocketThisSecond()) {
                            session.disconnect();
                        }
                    }
                } catch (RuntimeException e) {
                    // A failure here would cancel the repeating task without a word.
                    LOG.log(Level.WARNING, "chaos: cutting sockets failed this second: {0}", e.toString());
                }
            }, 1, 1, TimeUnit.SECONDS);
        }
    }

    /** Where browsers connect, e.g. {@code ws://127.0.0.1:8081/}; add {@code ?page=…}. */
    public URI webSocketUrl() {
        return URI.create("ws://" + settings.host() + ":" + port + "/");
    }

    /** The endpoint to give {@code ApiGatewayManagementApiClient}, as {@code https://{api}/{stage}} on AWS. */
    public URI managementEndpoint() {
        return URI.create("http://" + settings.host() + ":" + port);
    }

    public int port() {
        return port;
    }

    /** Posts delivered to a socket since the start, in-process and over HTTP. */
    public long postsDelivered() {
        return postsDelivered.sum();
    }

    /** Sockets that are open now (not those still in $connect). */
    public int openConnections() {
        return (int) connections.values().stream().filter(LiveConnection::isOpen).count();
    }

    public List<String> openConnectionIds() {
        return connections.values().stream().filter(LiveConnection::isOpen).map(c -> c.connectionId).toList();
    }

    private Object upgrade(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        // $connect runs until the handler answers, as API Gateway holds the upgrade for its integration. Past the
        // bound the upgrade is refused with 429 at once, as API Gateway refuses connects past the account's rate.
        if (!connecting.tryAcquire()) {
            Response.writeError(request, response, callback, 429, "Too many connections opening; retry");
            return null;
        }
        try {
            return connect(request, response, callback);
        } finally {
            connecting.release();
        }
    }

    private Object connect(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.computeIfAbsent(field.getName(), name -> new ArrayList<>()).add(field.getValue());
        }
        Map<String, List<String>> query = new LinkedHashMap<>();
        Fields fields;
        try {
            fields = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            // An invalid percent-escape (%ZZ) or broken UTF-8: the client's fault, answered before $connect runs.
            Response.writeError(request, response, callback, 400, "Bad Request: the query string is not valid");
            return null;
        }
        for (Fields.Field field : fields) {
            query.put(field.getName(), List.copyOf(field.getValues()));
        }
        String userAgent = request.getHeaders().get(HttpHeader.USER_AGENT);
        LiveConnection connection = new LiveConnection(newConnectionId(), Instant.now(), Request.getRemoteAddr(request),
                userAgent == null ? "" : userAgent, headers, query);
        connections.put(connection.connectionId, connection);
        APIGatewayV2WebSocketResponse answer = invoke(routes.connect(), "$connect", events.connect(connection));
        int status = answer == null || answer.getStatusCode() == 0 ? 200 : answer.getStatusCode();
        if (status < 200 || status > 299) {
            connections.remove(connection.connectionId);
            String body = answer == null || answer.getBody() == null ? "" : answer.getBody();
            Response.writeError(request, response, callback, status, body);
            return null;
        }
        inflateWholeFrames(response);
        return new Endpoint(connection);
    }

    /**
     * With permessage-deflate (browsers offer it) Jetty inflates a frame into a buffer of 8 KB and, as frames are not
     * auto-fragmented here, refuses anything larger with 1009. The buffer is sized to the frame limit so a compressed
     * client sees the same limits as an uncompressed one. The {@code @} parameter is Jetty's own and is not sent.
     */
    private void inflateWholeFrames(ServerUpgradeResponse response) {
        List<ExtensionConfig> extensions = response.getExtensions();
        if (extensions == null) {
            return;
        }
        for (ExtensionConfig extension : extensions) {
            if ("permessage-deflate".equals(extension.getName())) {
                extension.setParameter("@inflate_buffer_size", settings.maxFrameBytes() + 1);
            }
        }
        response.setExtensions(extensions);
    }

    /** A handler error becomes a 500, as API Gateway answers when the integration fails. */
    private APIGatewayV2WebSocketResponse invoke(WebSocketRoutes.Handler handler, String route,
                                                 APIGatewayV2WebSocketEvent event) {
        try {
            return handler.handleRequest(event, new LocalLambdaContext(route, settings.functionTimeout()));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "route " + route + " failed for " + event.getRequestContext().getConnectionId(), e);
            APIGatewayV2WebSocketResponse failed = new APIGatewayV2WebSocketResponse();
            failed.setStatusCode(500);
            failed.setBody("Internal server error");
            return failed;
        }
    }

    private String newConnectionId() {
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

    private static String actionOf(String body) {
        try {
            JsonNode action = Json.mapper().readTree(body).path("action");
            return action.isTextual() ? action.textValue() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * PostToConnection as API Gateway answers it, for both doors: 413 over 128 KB, 429 past the account's token bucket,
     * 410 before the socket opened and after it closed, else the message is queued (not written: API Gateway answers
     * once it accepted a message, so a slow reader never holds the caller) or, past the connection's queue limit,
     * refused at once with 429.
     */
    private PostStatus postToConnection(String connectionId, byte[] data) {
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
    private void sendInFrames(LiveConnection connection, String text, CompletableFuture<Void> sent) {
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
                session.sendPartialText(text.substring(from, to), last, org.eclipse.jetty.websocket.api.Callback.from(
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

    /**
     * The Management API for code in this JVM: the same answers as {@code POST /@connections/{id}}, without the SDK's
     * request pipeline, SigV4 and HTTP around each post (measured: most of the runtime's CPU in a broadcast). Tools
     * outside the JVM, and the SDK client tests, use the HTTP endpoint.
     */
    public ConnectionMessenger inProcessMessenger() {
        return new ConnectionMessenger() {
            @Override
            public PostStatus post(String connectionId, byte[] payload) {
                return postToConnection(connectionId, payload);
            }

            @Override
            public PostStatus disconnect(String connectionId) {
                return deleteConnection(connectionId);
            }
        };
    }

    /** DeleteConnection, for both doors: 410 for a socket not open, else a close frame from the server. */
    private PostStatus deleteConnection(String connectionId) {
        LiveConnection connection = connections.get(connectionId);
        if (connection == null || !connection.isOpen()) {
            return PostStatus.GONE;
        }
        connection.session.close(StatusCode.NORMAL, "Connection closed by the server",
                org.eclipse.jetty.websocket.api.Callback.NOOP);
        return PostStatus.DELIVERED;
    }

    /** One client socket, from open to close. Public because Jetty finds the listener methods by public lookup. */
    public final class Endpoint implements Session.Listener.AutoDemanding {
        private final LiveConnection connection;

        Endpoint(LiveConnection connection) {
            this.connection = connection;
        }

        @Override
        public void onWebSocketOpen(Session session) {
            connection.session = session;
            connection.lastActiveAt = Instant.now();
            connection.hardClose = timers.schedule(
                    () -> session.close(StatusCode.SHUTDOWN, "Going away", org.eclipse.jetty.websocket.api.Callback.NOOP),
                    settings.maxConnectionDuration().toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void onWebSocketText(String message) {
            connection.lastActiveAt = Instant.now();
            String action = actionOf(message);
            WebSocketRoutes.Handler handler = routes.forAction(action);
            String routeKey = routes.routeKey(action);
            APIGatewayV2WebSocketEvent event = events.message(connection, routeKey, message);
            if (!invoking.tryAcquire()) {
                gatewayError(event, "Too Many Requests");
                return;
            }
            try {
                invocations.execute(() -> {
                    try {
                        APIGatewayV2WebSocketResponse answer = invoke(handler, routeKey, event);
                        if (answer != null && answer.getStatusCode() >= 500) {
                            gatewayError(event, "Internal server error");
                        }
                    } finally {
                        invoking.release();
                    }
                });
            } catch (RejectedExecutionException e) {
                invoking.release(); // the emulator is closing
            }
        }

        /** API Gateway refuses binary frames from clients: it closes the socket with 1003 (and runs $disconnect). */
        @Override
        public void onWebSocketBinary(ByteBuffer payload, org.eclipse.jetty.websocket.api.Callback callback) {
            callback.succeed();
            connection.session.close(StatusCode.BAD_DATA, "Binary frames are not supported",
                    org.eclipse.jetty.websocket.api.Callback.NOOP);
        }

        /** What API Gateway sends a client whose message its integration could not take or answer. */
        private void gatewayError(APIGatewayV2WebSocketEvent event, String message) {
            Map<String, String> body = new LinkedHashMap<>();
            body.put("message", message);
            body.put("connectionId", connection.connectionId);
            body.put("requestId", event.getRequestContext().getRequestId());
            Session session = connection.session;
            if (session != null && session.isOpen()) {
                sendInFrames(connection, Json.toString(body), new CompletableFuture<>());
            }
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            connections.remove(connection.connectionId);
            if (connection.hardClose != null) {
                connection.hardClose.cancel(false);
            }
            if (statusCode == StatusCode.NO_CLOSE && !settings.disconnectOnAbort()) {
                LOG.log(Level.DEBUG, "{0} vanished without a close frame; $disconnect not sent", connection.connectionId);
                return;
            }
            APIGatewayV2WebSocketEvent event = events.disconnect(connection, statusCode, reason);
            invocations.execute(() -> invoke(routes.disconnect(), "$disconnect", event));
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            LOG.log(Level.DEBUG, "socket {0}: {1}", connection.connectionId, cause.toString());
        }
    }

    /** {@code /@connections/{id}}: what the SDK's ApiGatewayManagementApiClient calls. */
    private final class ManagementApi extends Handler.Abstract {

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String path = Request.getPathInContext(request);
            // As API Gateway: the signature is checked before anything else, so an unsigned request learns nothing.
            Optional<String> unsigned = RequestSignature.problem(request.getHeaders().get(HttpHeader.AUTHORIZATION),
                    request.getHeaders().get("X-Amz-Date"), Instant.now());
            if (unsigned.isPresent()) {
                return error(response, callback, 403, "ForbiddenException", unsigned.get());
            }
            if (!path.startsWith(CONNECTIONS_PATH) || path.length() == CONNECTIONS_PATH.length()) {
                return error(response, callback, 404, "NotFoundException", "no such resource: " + path);
            }
            String connectionId = path.substring(CONNECTIONS_PATH.length());
            return switch (request.getMethod()) {
                case "POST" -> post(connectionId, request, response, callback);
                case "GET" -> get(connectionId, response, callback);
                case "DELETE" -> delete(connectionId, response, callback);
                default -> error(response, callback, 405, "MethodNotAllowedException", request.getMethod());
            };
        }

        /**
         * The body is kept up to one byte past the limit, never more. An oversize body up to {@link #DRAINED} is read
         * and dropped before the 413, so a client still writing it (the SDK's) gets the answer rather than a broken
         * pipe; a larger one (a 200 MB POST) is refused at once and its connection closed, unread.
         */
        private boolean post(String connectionId, Request request, Response response, Callback callback)
                throws IOException {
            long declared = request.getLength();
            if (declared > DRAINED) {
                return tooLarge(declared, true, response, callback);
            }
            byte[] data;
            boolean unread;
            try (InputStream body = Content.Source.asInputStream(request)) {
                data = body.readNBytes(settings.maxMessageBytes() + 1);
                unread = data.length > settings.maxMessageBytes() && !drained(body);
            }
            if (data.length > settings.maxMessageBytes()) {
                return tooLarge(Math.max(declared, data.length), unread, response, callback);
            }
            return switch (postToConnection(connectionId, data)) {
                case DELIVERED -> {
                    response.setStatus(200);
                    callback.succeeded();
                    yield true;
                }
                case PAYLOAD_TOO_LARGE -> tooLarge(data.length, false, response, callback);
                case THROTTLED -> error(response, callback, 429, "LimitExceededException", "Rate exceeded");
                case GONE -> error(response, callback, 410, "GoneException", null);
                case TEMPORARY_FAILURE, PERMANENT_FAILURE -> error(response, callback, 500, "InternalServerErrorException",
                        "the message could not be queued");
            };
        }

        /** Reads and drops what is left of a body, up to {@link #DRAINED}; false when more than that remains. */
        private static boolean drained(InputStream body) throws IOException {
            byte[] buffer = new byte[8192];
            long dropped = 0;
            for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                dropped += n;
                if (dropped > DRAINED) {
                    return false;
                }
            }
            return true;
        }

        private boolean tooLarge(long bytes, boolean bodyLeftUnread, Response response, Callback callback) {
            if (bodyLeftUnread) {
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
            }
            return error(response, callback, 413, "PayloadTooLargeException",
                    "payload of " + (bytes > settings.maxMessageBytes() ? "more than " + settings.maxMessageBytes()
                            : String.valueOf(bytes)) + " bytes exceeds " + settings.maxMessageBytes());
        }

        private boolean get(String connectionId, Response response, Callback callback) {
            LiveConnection connection = connections.get(connectionId);
            if (connection == null || !connection.isOpen()) {
                return error(response, callback, 410, "GoneException", null);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("connectedAt", connection.connectedAt.toString());
            body.put("identity", Map.of("sourceIp", connection.sourceIp, "userAgent", connection.userAgent));
            body.put("lastActiveAt", connection.lastActiveAt.toString());
            return json(response, callback, 200, Json.toString(body));
        }

        private boolean delete(String connectionId, Response response, Callback callback) {
            if (deleteConnection(connectionId) == PostStatus.GONE) {
                return error(response, callback, 410, "GoneException", null);
            }
            response.setStatus(204);
            callback.succeeded();
            return true;
        }

        private boolean error(Response response, Callback callback, int status, String type, String message) {
            response.getHeaders().put("x-amzn-ErrorType", type);
            return json(response, callback, status, "{\"message\":" + (message == null ? "null" : Json.toString(message)) + "}");
        }

        private boolean json(Response response, Callback callback, int status, String body) {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
            return true;
        }
    }

    @Override
    public void close() {
        for (LiveConnection connection : connections.values()) {
            Session session = connection.session;
            if (session != null && session.isOpen()) {
                session.close(StatusCode.SHUTDOWN, "Going away", org.eclipse.jetty.websocket.api.Callback.NOOP);
            }
        }
        stopQuietly();
        timers.shutdownNow();
        invocations.shutdown();
        requests.shutdown();
        try {
            // The $disconnect invocations of the sockets just closed, before the stores under them are closed.
            if (!invocations.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "route invocations still running 5 s after the WebSocket API stopped");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stopQuietly() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "WebSocket API emulator did not stop cleanly: {0}", e.toString());
        }
    }
}
