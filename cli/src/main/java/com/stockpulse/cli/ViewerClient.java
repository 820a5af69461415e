package com.stockpulse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.stockpulse.model.ClientRequest;
import com.stockpulse.model.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/** A browser-like WebSocket client: opens with ?page=, can sync and ping, and hands over each frame parsed. */
final class ViewerClient implements WebSocket.Listener {

    /** Why a connection could not be opened. */
    enum Refusal { NONE, THROTTLED, REFUSED, UNREACHABLE }

    private final Consumer<JsonNode> onFrame;
    private final StringBuilder partial = new StringBuilder();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile WebSocket socket;

    private ViewerClient(Consumer<JsonNode> onFrame) {
        this.onFrame = onFrame;
    }

    static URI pageUri(URI webSocketUrl, String page) {
        String base = webSocketUrl.toString();
        return URI.create(base + (base.contains("?") ? "&" : "?") + "page=" + URLEncoder.encode(page, StandardCharsets.UTF_8));
    }

    /** Opens a connection; completes with the client, or fails with a {@link ConnectFailure}. */
    static CompletableFuture<ViewerClient> open(HttpClient http, URI webSocketUrl, String page, Consumer<JsonNode> onFrame) {
        ViewerClient client = new ViewerClient(onFrame);
        return http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(pageUri(webSocketUrl, page), client)
                .handle((socket, error) -> {
                    if (error != null) {
                        throw new ConnectFailure(classify(error), describe(error));
                    }
                    client.socket = socket;
                    return client;
                });
    }

    /**
     * Opens one viewer for a command and waits: a WebSocket API that cannot be reached becomes an
     * {@link UnreachableEndpointException} (exit 3), a refused upgrade a {@link ConnectFailure}.
     */
    static ViewerClient openFor(Target target, String page, Consumer<JsonNode> onFrame) {
        try {
            return open(HttpClient.newHttpClient(), target.webSocketUrl(), page, onFrame).join();
        } catch (CompletionException e) {
            ConnectFailure failure = (ConnectFailure) e.getCause();
            if (failure.refusal == Refusal.UNREACHABLE) {
                throw new UnreachableEndpointException("cannot reach the WebSocket API at " + target.webSocketUrl()
                        + ": " + failure.getMessage() + ". Target: " + target.description(), failure);
            }
            throw failure;
        }
    }

    /** The stock values a frame holds: a {@code stock} frame is one, a {@code snapshot} lists them, others none. */
    static Iterable<JsonNode> stockItems(JsonNode frame) {
        return switch (frame.path("type").asText()) {
            case "stock" -> List.of(frame);
            case "snapshot" -> frame.path("items");
            default -> List.of();
        };
    }

    static Refusal classify(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof WebSocketHandshakeException handshake) {
            return handshake.getResponse().statusCode() == 429 ? Refusal.THROTTLED : Refusal.REFUSED;
        }
        if (cause instanceof ConnectException || cause instanceof HttpTimeoutException || cause instanceof IOException) {
            return Refusal.UNREACHABLE;
        }
        return Refusal.REFUSED;
    }

    private static String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof WebSocketHandshakeException handshake) {
            Object body = handshake.getResponse().body();
            return "the upgrade was refused with HTTP " + handshake.getResponse().statusCode()
                    + (body == null ? "" : ": " + body);
        }
        return cause.toString();
    }

    /** A connection that did not open, and why. */
    static final class ConnectFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final Refusal refusal;

        ConnectFailure(Refusal refusal, String message) {
            super(message);
            this.refusal = refusal;
        }
    }

    /** Sends a frame as a browser does, e.g. {@code ClientRequest.sync(page)}. */
    void send(ClientRequest request) {
        try {
            socket.sendText(request.toJson(), true);
        } catch (IllegalStateException e) {
            // A send still pending (the JDK client takes one at a time): a settle sync tries again later.
        }
    }

    void close() {
        WebSocket current = socket;
        if (current != null && !current.isOutputClosed()) {
            current.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
    }

    /** Drops the socket at once; the JDK calls no listener after an abort, so {@link #closed} completes here. */
    void abort() {
        WebSocket current = socket;
        if (current != null) {
            current.abort();
        }
        closed.complete(1006);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        try {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    onFrame.accept(Json.mapper().readTree(text));
                } catch (IOException e) {
                    onFrame.accept(Json.mapper().createObjectNode().put("type", "unreadable").put("text", text));
                }
            }
        } finally {
            // Always ask for the next frame: a listener that threw must not leave the socket deaf for good.
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(1006);
    }
}
