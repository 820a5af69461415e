package com.stockpulse.functions.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Lambda Runtime API, as the Lambda service serves it to the runtime inside an execution environment (AWS docs,
 * "Using the Lambda runtime API for custom runtimes", and "SnapStart runtime hooks"): {@code invocation/next} hands
 * out one queued event with the {@code Lambda-Runtime-*} headers, {@code invocation/{id}/response|error} take its
 * answer, {@code init/error} a failed start, {@code restore/next} stands for the snapshot being taken and restored,
 * {@code restore/error} a failed restore. Each call is recorded in order, so a test can tell what the runtime did
 * and when.
 */
public final class RuntimeApi implements AutoCloseable {

    private static final String PREFIX = "/2018-06-01/runtime/";

    /** What the runtime answered to one invocation: the response body, or an error with its type. */
    public record Answer(String body, String errorType) {
        public boolean failed() {
            return errorType != null;
        }
    }

    private record Invocation(String requestId, String functionArn, byte[] event) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final BlockingQueue<Invocation> queue = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<Answer>> answers = new ConcurrentHashMap<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Long> firstNext = new CompletableFuture<>();
    private final CompletableFuture<String> initError = new CompletableFuture<>();
    private volatile boolean open = true;

    public RuntimeApi() {
        server = LoopbackServer.start(this::handle, executor);
    }

    /** {@code host:port}, as {@code AWS_LAMBDA_RUNTIME_API} names it. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues an event for the function; the future completes when the runtime answers it. */
    public CompletableFuture<Answer> invoke(String functionArn, byte[] event) {
        String requestId = UUID.randomUUID().toString();
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        answers.put(requestId, answer);
        queue.add(new Invocation(requestId, functionArn, event));
        return answer;
    }

    /** {@link System#nanoTime()} when the runtime first asked for an event: its initialization ended there. */
    public CompletableFuture<Long> firstNext() {
        return firstNext;
    }

    /** The body of an {@code init/error} report, if the runtime sent one. */
    public CompletableFuture<String> initError() {
        return initError;
    }

    /** Every call the runtime made, in order: {@code next -> id}, {@code response id}, {@code restore/next}, ... */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            byte[] body = exchange.getRequestBody().readAllBytes();
            String call = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : path;
            if (method.equals("GET") && call.equals("invocation/next")) {
                next(exchange);
            } else if (method.equals("POST") && call.startsWith("invocation/") && call.endsWith("/response")) {
                String id = call.substring("invocation/".length(), call.length() - "/response".length());
                calls.add("response " + id);
                complete(id, new Answer(new String(body, StandardCharsets.UTF_8), null));
                exchange.sendResponseHeaders(202, -1);
            } else if (method.equals("POST") && call.startsWith("invocation/") && call.endsWith("/error")) {
                String id = call.substring("invocation/".length(), call.length() - "/error".length());
                calls.add("error " + id);
                String type = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
                complete(id, new Answer(new String(body, StandardCharsets.UTF_8), type == null ? "Unknown" : type));
                exchange.sendResponseHeaders(202, -1);
            } else if (method.equals("POST") && call.equals("init/error")) {
                calls.add("init/error");
                initError.complete(new String(body, StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(202, -1);
            } else if (method.equals("GET") && call.equals("restore/next")) {
                calls.add("restore/next");
                exchange.sendResponseHeaders(200, -1);
            } else if (method.equals("POST") && call.equals("restore/error")) {
                calls.add("restore/error " + new String(body, StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(202, -1);
            } else {
                calls.add("unknown " + method + " " + path);
                exchange.sendResponseHeaders(404, -1);
            }
        }
    }

    /** Long-polls, as the real Runtime API does: the answer waits until an event is queued. */
    private void next(HttpExchange exchange) throws IOException {
        firstNext.complete(System.nanoTime());
        Invocation invocation = null;
        try {
            while (open && invocation == null) {
                invocation = queue.poll(100, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (invocation == null) {
            exchange.sendResponseHeaders(503, -1);
            return;
        }
        calls.add("next -> " + invocation.requestId());
        var headers = exchange.getResponseHeaders();
        headers.add("Content-Type", "application/json");
        headers.add("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        headers.add("Lambda-Runtime-Deadline-Ms",
                Long.toString(System.currentTimeMillis() + Duration.ofMinutes(1).toMillis()));
        headers.add("Lambda-Runtime-Invoked-Function-Arn", invocation.functionArn());
        headers.add("Lambda-Runtime-Trace-Id",
                "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=0");
        exchange.sendResponseHeaders(200, invocation.event().length);
        exchange.getResponseBody().write(invocation.event());
    }

    private void complete(String requestId, Answer answer) {
        CompletableFuture<Answer> pending = answers.remove(requestId);
        if (pending != null) {
            pending.complete(answer);
        }
    }

    @Override
    public void close() {
        open = false;
        server.stop(0);
        executor.shutdownNow();
    }
}
