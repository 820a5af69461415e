package com.stockpulse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.stockpulse.model.ClientRequest;
import com.stockpulse.model.PageKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The load test's browser-like viewers, one product page each: opened at a ramp, each syncing its page as a
 * browser does, each keeping the timeline of versions it accepted. Also counts frames per wall-clock second.
 */
final class LoadTestViewers {

    private final List<String> skus;
    private final List<ViewerTimeline> timelines = new ArrayList<>();
    private final AtomicReferenceArray<ViewerClient> clients;
    final LongAdder connectFailures = new LongAdder();
    final LongAdder throttled429 = new LongAdder();
    final LongAdder frames = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    final LongAdder olderDropped = new LongAdder();
    /** Frames per second since {@link #countPostsFrom}; null before, so the sync answers of the ramp stay out. */
    private volatile AtomicLongArray perSecond;
    private volatile long countFromMillis;
    double connectSeconds;

    private LoadTestViewers(List<String> skus, int connections) {
        this.skus = skus;
        this.clients = new AtomicReferenceArray<>(connections);
    }

    /** Opens {@code connections} viewers spread round-robin over the SKUs' pages, {@code ramp} per second. */
    static LoadTestViewers open(HttpClient http, URI webSocketUrl, List<String> skus, int connections, double ramp)
            throws InterruptedException {
        LoadTestViewers viewers = new LoadTestViewers(skus, connections);
        List<CompletableFuture<?>> opening = new ArrayList<>();
        long rampStart = System.nanoTime();
        for (int i = 0; i < connections; i++) {
            long wait = rampStart + (long) (i * 1e9 / ramp) - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            opening.add(viewers.openOne(http, webSocketUrl, i));
        }
        CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new)).join();
        viewers.connectSeconds = (System.nanoTime() - rampStart) / 1e9;
        return viewers;
    }

    private CompletableFuture<?> openOne(HttpClient http, URI webSocketUrl, int index) {
        ViewerTimeline timeline = new ViewerTimeline(index % skus.size());
        timelines.add(timeline);
        String sku = skus.get(timeline.sku);
        PageKey page = PageKey.product(sku);
        return ViewerClient.open(http, webSocketUrl, page.value(), frame -> onFrame(timeline, sku, frame))
                .thenAccept(client -> {
                    clients.set(index, client);
                    client.send(ClientRequest.sync(page));
                }).exceptionally(error -> {
                    Throwable cause = error.getCause() != null ? error.getCause() : error;
                    if (cause instanceof ViewerClient.ConnectFailure failure
                            && failure.refusal == ViewerClient.Refusal.THROTTLED) {
                        throttled429.increment();
                    } else {
                        connectFailures.increment();
                    }
                    return null;
                });
    }

    private void onFrame(ViewerTimeline viewer, String sku, JsonNode frame) {
        long now = System.currentTimeMillis();
        frames.increment();
        AtomicLongArray seconds = perSecond;
        if (seconds != null) {
            long second = (now - countFromMillis) / 1000;
            if (second >= 0 && second < seconds.length()) {
                seconds.incrementAndGet((int) second);
            }
        }
        for (JsonNode item : items(frame)) {
            if (!item.path("sku").asText().equals(sku)) {
                continue;
            }
            switch (viewer.offer(item.path("version").asLong(), item.path("available").asLong(), now)) {
                case SAME -> duplicates.increment();
                case OLDER -> olderDropped.increment();
                case NEWER -> { }
            }
        }
    }

    private static Iterable<JsonNode> items(JsonNode frame) {
        return switch (frame.path("type").asText()) {
            case "stock" -> List.of(frame);
            case "snapshot" -> frame.path("items");
            default -> List.of();
        };
    }

    /** Starts the per-second count of frames at {@code fromMillis}, for at most {@code seconds} seconds. */
    void countPostsFrom(long fromMillis, int seconds) {
        countFromMillis = fromMillis;
        perSecond = new AtomicLongArray(seconds);
    }

    /** Frames per second so far, up to {@code untilMillis}. */
    long[] postsPerSecond(long untilMillis) {
        AtomicLongArray seconds = perSecond;
        if (seconds == null) {
            return new long[0];
        }
        int n = (int) Math.min(seconds.length(), Math.max(0, (untilMillis - countFromMillis + 999) / 1000));
        long[] counts = new long[n];
        for (int i = 0; i < n; i++) {
            counts[i] = seconds.get(i);
        }
        return counts;
    }

    long open() {
        return connected().size();
    }

    /** The timelines of the viewers whose socket opened. */
    List<ViewerTimeline> connected() {
        List<ViewerTimeline> open = new ArrayList<>();
        for (int i = 0; i < timelines.size(); i++) {
            if (clients.get(i) != null) {
                open.add(timelines.get(i));
            }
        }
        return open;
    }

    /** Connected viewers whose shown value or version differs from the table's. */
    long behind(Map<String, RunTables.StockRow> table) {
        long behind = 0;
        for (ViewerTimeline viewer : connected()) {
            RunTables.StockRow row = table.get(skus.get(viewer.sku));
            if (row == null || viewer.available() != row.available() || viewer.version() != row.version()) {
                behind++;
            }
        }
        return behind;
    }

    void closeAll() {
        for (int i = 0; i < clients.length(); i++) {
            ViewerClient client = clients.get(i);
            if (client != null) {
                client.close();
            }
        }
    }
}
