package com.stockpulse.local.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.stockpulse.model.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A browser on a page: keeps the highest version per SKU, as the real pages do, and every frame it got. */
public final class Viewer implements AutoCloseable {

    private final TestSocket socket;
    private final Map<String, JsonNode> latest = new ConcurrentHashMap<>();
    private final List<JsonNode> frames = new ArrayList<>();

    private Viewer(TestSocket socket) {
        this.socket = socket;
    }

    public static Viewer open(URI webSocketUrl, String page) {
        return new Viewer(TestSocket.open(URI.create(webSocketUrl + "?page="
                + URLEncoder.encode(page, StandardCharsets.UTF_8))));
    }

    public void sync() {
        socket.send("{\"action\":\"sync\"}");
    }

    public TestSocket socket() {
        return socket;
    }

    /** Reads frames that arrived within {@code wait}, folding stock values in; returns them. */
    public synchronized List<JsonNode> receive(Duration wait) throws InterruptedException {
        List<JsonNode> got = new ArrayList<>();
        String first = socket.next(wait);
        if (first == null) {
            return got;
        }
        got.add(fold(first));
        for (String text : socket.drain()) {
            got.add(fold(text));
        }
        frames.addAll(got);
        return got;
    }

    /** Waits until a frame matching the predicate arrives. */
    public JsonNode awaitFrame(Duration timeout, java.util.function.Predicate<JsonNode> match) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode frame : receive(Duration.ofMillis(100))) {
                if (match.test(frame)) {
                    return frame;
                }
            }
        }
        throw new AssertionError("no matching frame within " + timeout + "; got " + frames);
    }

    private JsonNode fold(String text) {
        try {
            JsonNode frame = Json.mapper().readTree(text);
            switch (frame.path("type").asText()) {
                case "stock" -> keep(frame);
                case "snapshot" -> frame.path("items").forEach(this::keep);
                default -> { }
            }
            return frame;
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private void keep(JsonNode item) {
        latest.merge(item.path("sku").asText(), item,
                (old, fresh) -> fresh.path("version").asLong() > old.path("version").asLong() ? fresh : old);
    }

    /** The highest-version value seen for the SKU, or -1. */
    public long available(String sku) {
        JsonNode item = latest.get(sku);
        return item == null ? -1 : item.path("available").asLong();
    }

    public long version(String sku) {
        JsonNode item = latest.get(sku);
        return item == null ? -1 : item.path("version").asLong();
    }

    @Override
    public void close() {
        socket.close();
    }
}
