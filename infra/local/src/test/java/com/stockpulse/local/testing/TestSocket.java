package com.stockpulse.local.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A browser-like WebSocket client on the JDK's java.net.http, collecting every text frame it receives. */
public final class TestSocket implements WebSocket.Listener, AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    private TestSocket() {
    }

    public static TestSocket open(URI uri) {
        TestSocket client = new TestSocket();
        client.socket = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(uri, client).join();
        return client;
    }

    /** The HTTP status of a refused upgrade, or 101 if it was accepted (and then closed again). */
    public static int handshakeStatus(URI uri) {
        try {
            TestSocket socket = open(uri);
            socket.abort();
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    /** Sends one message in several frames of {@code frameChars} characters each. */
    public void sendInFrames(String text, int frameChars) {
        for (int from = 0; from < text.length(); from += frameChars) {
            int to = Math.min(text.length(), from + frameChars);
            socket.sendText(text.substring(from, to), to == text.length()).join();
        }
    }

    /** The next frame, or null after {@code timeout}. */
    public String next(Duration timeout) throws InterruptedException {
        return frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public List<String> drain() {
        List<String> all = new ArrayList<>();
        frames.drainTo(all);
        return all;
    }

    /** The close code the server sent, waiting up to {@code timeout}. */
    public int awaitClose(Duration timeout) throws Exception {
        return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    /** Drops the TCP connection without a close frame, as a killed browser tab does. */
    public void abort() {
        socket.abort();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            frames.add(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(-1);
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
    }
}
