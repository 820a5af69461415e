package com.stockpulse.functions.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.stockpulse.model.Json;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * DynamoDB's HTTP API in front of DynamoDB Local, recording each call a process makes as IAM names it (a
 * transaction's items as their own actions, a batch per table), so a test of a jar in another JVM can check its calls
 * against {@link com.stockpulse.model.FunctionAccess}. Requests and answers pass through byte for byte (the SDK checks
 * DynamoDB's CRC32 of each answer).
 */
public final class RecordingDynamoDbProxy implements AutoCloseable {

    /** One DynamoDB action on one table, as IAM names it, and when it was made. */
    public record Call(String table, String action, long nanoTime) {
    }

    private static final Set<String> HOP_BY_HOP = Set.of("host", "content-length", "connection", "expect",
            "transfer-encoding", "upgrade", "keep-alive");

    private final URI target;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient client;
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    public RecordingDynamoDbProxy(URI target) {
        this.target = target;
        this.client = HttpClient.newBuilder().executor(executor).version(HttpClient.Version.HTTP_1_1).build();
        server = LoopbackServer.start(this::forward, executor);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Every call so far, in the order they arrived. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            record(target == null ? "" : target.substring(target.indexOf('.') + 1), body);
            HttpRequest.Builder request = HttpRequest.newBuilder(this.target.resolve(exchange.getRequestURI().toString()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            HttpResponse<byte[]> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] answer = response.body();
            exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    private void record(String operation, byte[] body) throws IOException {
        long now = System.nanoTime();
        JsonNode request = Json.mapper().readTree(body);
        if (request.hasNonNull("TableName")) {
            calls.add(new Call(request.get("TableName").asText(), operation, now));
        }
        request.path("RequestItems").fieldNames().forEachRemaining(table -> calls.add(new Call(table, operation, now)));
        for (JsonNode item : request.path("TransactItems")) {
            Map.of("Put", "PutItem", "Update", "UpdateItem", "Delete", "DeleteItem", "ConditionCheck",
                    "ConditionCheckItem").forEach((part, action) -> {
                        if (item.has(part)) {
                            calls.add(new Call(item.get(part).path("TableName").asText(), action, now));
                        }
                    });
        }
    }

    @Override
    public void close() {
        server.stop(0);
        client.close();
        executor.shutdownNow();
    }
}
