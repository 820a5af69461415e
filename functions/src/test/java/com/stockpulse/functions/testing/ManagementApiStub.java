package com.stockpulse.functions.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP server on loopback that answers {@code POST} and {@code DELETE /@connections/{id}} as API Gateway does (200, 410, and
 * any status queued with {@link #failNext}), so the unchanged SDK client and our exception translation are tested
 * over real HTTP. The full emulator of the local runtime replaces it later.
 */
public final class ManagementApiStub implements AutoCloseable {

    private final HttpServer server;
    private final Set<String> open = ConcurrentHashMap.newKeySet();
    private final Map<String, Queue<String>> received = new ConcurrentHashMap<>();
    private final Queue<Integer> forcedStatuses = new ConcurrentLinkedQueue<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    public ManagementApiStub() {
        server = LoopbackServer.start(this::handle, executor);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public void open(String connectionId) {
        open.add(connectionId);
    }

    public void close(String connectionId) {
        open.remove(connectionId);
    }

    /** The next call answers {@code status} with an API Gateway style error body. */
    public void failNext(int status) {
        forcedStatuses.add(status);
    }

    public List<String> messagesTo(String connectionId) {
        return new ArrayList<>(received.getOrDefault(connectionId, new ConcurrentLinkedQueue<>()));
    }

    /** Every request so far, whatever it asked and whatever it was answered. */
    public int requests() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            String method = exchange.getRequestMethod();
            if (!path.startsWith("/@connections/") || !(method.equals("POST") || method.equals("DELETE"))) {
                respond(exchange, 404, "NotFoundException");
                return;
            }
            String connectionId = java.net.URLDecoder.decode(path.substring("/@connections/".length()), StandardCharsets.UTF_8);
            Integer forced = forcedStatuses.poll();
            if (forced != null) {
                respond(exchange, forced, switch (forced) {
                    case 429 -> "LimitExceededException";
                    case 413 -> "PayloadTooLargeException";
                    case 403 -> "ForbiddenException";
                    default -> "InternalServerErrorException";
                });
                return;
            }
            if (!open.contains(connectionId)) {
                respond(exchange, 410, "GoneException");
                return;
            }
            if (method.equals("DELETE")) {
                open.remove(connectionId);
                exchange.sendResponseHeaders(204, -1);
                return;
            }
            received.computeIfAbsent(connectionId, id -> new ConcurrentLinkedQueue<>())
                    .add(new String(body, StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
        }
    }

    private static void respond(HttpExchange exchange, int status, String errorType) throws IOException {
        byte[] body = ("{\"message\":\"" + errorType + "\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("x-amzn-ErrorType", errorType);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
