package com.stockpulse.local.apigateway;

import com.stockpulse.functions.messaging.ConnectionMessenger;
import com.stockpulse.local.chaos.Chaos;
import com.stockpulse.local.runtime.StartupFailedException;
import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketApiEmulator.class);
    private static final int MAX_THREADS = 400;
    /**
     * At most this many $connect invocations at once; past it an upgrade is refused with 429 at once. Requests run on
     * virtual threads, so upgrades waiting on a slow $connect (a cold JIT, a DynamoDB hiccup in a connect storm)
     * never take the threads the @connections API needs.
     */
    private static final int MAX_CONNECTING = 2_000;

    private final EmulatorSettings settings;
    private final LiveConnections connections;
    private final RouteIntegration integration;
    /**
     * Each socket's 2-hour close and the idle check. A closed socket's close task is cancelled and, with the remove
     * policy on, leaves the queue at once: otherwise each one stays queued (holding its socket) for 2 hours.
     */
    private final ScheduledThreadPoolExecutor timers = timers();
    private final Semaphore connecting = new Semaphore(MAX_CONNECTING);
    /** The account's quota of new connections per second (500), as a bucket of a second's worth. */
    private final TokenBucket connectQuota;
    private final LongAdder connectsThrottled = new LongAdder();
    private final ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();
    private final Server server;
    private final WebSocketEvents events;
    private final int port;

    private WebSocketApiEmulator(EmulatorSettings settings) {
        this.settings = settings;
        this.connections = new LiveConnections(settings);
        this.integration = new RouteIntegration(settings);
        this.connectQuota = new TokenBucket(settings.connectsPerSecond(),
                (int) Math.max(1, Math.ceil(settings.connectsPerSecond())));
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
        upgrade.setHandler(new ManagementApi(connections, settings));
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

    /**
     * Listens at once, refusing every $connect with 503 until {@link #integrate}: the functions behind the routes need
     * this API's endpoints before they exist.
     */
    public static WebSocketApiEmulator start(EmulatorSettings settings) {
        return new WebSocketApiEmulator(settings);
    }

    /** Listens with {@code routes} integrated from the start. */
    public static WebSocketApiEmulator start(EmulatorSettings settings, WebSocketRoutes routes) {
        WebSocketApiEmulator api = new WebSocketApiEmulator(settings);
        api.integrate(routes);
        return api;
    }

    /** From now on the routes invoke these handlers, as a deployment of the API's integrations does on AWS. */
    public void integrate(WebSocketRoutes routes) {
        integration.integrate(routes);
    }

    /**
     * From now on, posts fail with 5xx or 429 and open sockets are cut without a close frame as {@code faults}
     * says (once a second, each socket rolls its chance).
     */
    public void injectFaults(Chaos faults) {
        connections.injectFaults(faults);
        if (faults.dropsSockets()) {
            timers.scheduleAtFixedRate(() -> {
                try {
                    for (LiveConnection connection : connections.all()) {
                        Session session = connection.session;
                        if (session != null && session.isOpen() && faults.dropSocketThisSecond()) {
                            session.disconnect();
                        }
                    }
                } catch (RuntimeException e) {
                    // A failure here would cancel the repeating task without a word.
                    LOG.warn("chaos: cutting sockets failed this second: {}", e.toString());
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
        return connections.postsDelivered();
    }

    /** Upgrades refused with 429 for the new-connection quota since the start. */
    public long connectsThrottled() {
        return connectsThrottled.sum();
    }

    /** Sockets that are open now (not those still in $connect). */
    public int openConnections() {
        return connections.openCount();
    }

    public List<String> openConnectionIds() {
        return connections.openIds();
    }

    private Object upgrade(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        // Past the account's new-connection quota API Gateway answers the upgrade 429 before $connect runs: what a
        // reconnect storm meets on AWS, so the pages' backoff is tried here too.
        if (!connectQuota.tryTake()) {
            connectsThrottled.increment();
            Response.writeError(request, response, callback, 429, "Too Many Requests");
            return null;
        }
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
        LiveConnection connection = new LiveConnection(connections.newConnectionId(), Instant.now(),
                Request.getRemoteAddr(request), userAgent == null ? "" : userAgent, headers, query);
        connections.add(connection);
        RouteIntegration.RouteAnswer answer = integration.connect(events.connect(connection));
        int status = answer.statusCode();
        if (status < 200 || status > 299) {
            connections.remove(connection.connectionId);
            Response.writeError(request, response, callback, status, answer.body());
            return null;
        }
        inflateWholeFrames(response);
        return new SocketEndpoint(connection, connections, integration, events, settings, timers);
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

    /**
     * The Management API for code in this JVM: the same answers as {@code POST /@connections/{id}}, without the SDK's
     * request pipeline, SigV4 and HTTP around each post (measured: most of the runtime's CPU in a broadcast). Tools
     * outside the JVM, and the SDK client tests, use the HTTP endpoint.
     */
    private static ScheduledThreadPoolExecutor timers() {
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "websocket-api-timers");
            thread.setDaemon(true);
            return thread;
        });
        timers.setRemoveOnCancelPolicy(true);
        return timers;
    }

    /** Timer tasks queued: the idle check and one close per open socket. */
    int queuedTimers() {
        return timers.getQueue().size();
    }

    /**
     * Closes every open socket with 1001 (going away), as API Gateway does at a connection's 2-hour limit or in a
     * deploy; each gets its $disconnect. Says how many it closed.
     */
    public int closeOpenSockets() {
        int closed = 0;
        for (LiveConnection connection : connections.all()) {
            Session session = connection.session;
            if (session != null && session.isOpen()) {
                session.close(StatusCode.SHUTDOWN, "Going away", org.eclipse.jetty.websocket.api.Callback.NOOP);
                closed++;
            }
        }
        return closed;
    }

    public ConnectionMessenger inProcessMessenger() {
        return connections;
    }

    @Override
    public void close() {
        closeOpenSockets();
        stopQuietly();
        timers.shutdownNow();
        requests.shutdown();
        // The $disconnect invocations of the sockets just closed, before the stores under them are closed.
        integration.close();
    }

    private void stopQuietly() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("WebSocket API emulator did not stop cleanly: {}", e.toString());
        }
    }
}
