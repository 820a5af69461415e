package com.stockpulse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.stockpulse.model.ClientAction;
import com.stockpulse.model.ClientRequest;
import com.stockpulse.model.PageKey;
import com.stockpulse.model.StockLevel;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
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
    /** Sockets that closed under a viewer (a server close, a cut network) and were opened again. */
    final LongAdder reconnects = new LongAdder();
    private volatile boolean closing;
    /**
     * The page's settle sync, as {@code web-demo/stockpulse.js} does it: a viewer that saw a stock update and then
     * nothing for {@link #SETTLE_MILLIS} syncs once, so a last update lost to a throttled or failed post is not
     * kept for good. Per viewer: when its last stock frame and its last snapshot came, and when it last synced.
     */
    static final long SETTLE_MILLIS = 3_000;
    private final AtomicLongArray lastStockAt;
    private final AtomicLongArray lastSnapshotAt;
    private final AtomicLongArray lastSyncAt;
    final LongAdder settleSyncs = new LongAdder();
    /**
     * The page asks again until a snapshot answers (a sync answer lost to a 429 or a 5xx): a viewer whose socket
     * opened after its last snapshot syncs again every {@link #SYNC_RETRY_MILLIS}.
     */
    static final long SYNC_RETRY_MILLIS = 2_000;
    private final AtomicLongArray openedAt;
    final LongAdder syncRetries = new LongAdder();
    /**
     * The page's heartbeat (web-demo/stockpulse.js, visible page): a ping every 25 s, and a socket that has not been
     * heard from within 35 s is given up and opened again (a path that died without a FIN or RST, a deaf socket).
     */
    static final long PING_MILLIS = 25_000;
    static final long HEARTBEAT_DEADLINE_MILLIS = 35_000;
    private final AtomicLongArray lastHeardAt;
    private final AtomicLongArray lastPingAt;
    final LongAdder replacedSilent = new LongAdder();
    private final ScheduledExecutorService settler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("loadtest-settle").factory());
    private final HttpClient http;
    private final URI webSocketUrl;
    /** Frames per second since {@link #countPostsFrom}; null before, so the sync answers of the ramp stay out. */
    private volatile AtomicLongArray perSecond;
    private volatile long countFromMillis;
    double connectSeconds;
    /** When the stack closed every socket at once (a reconnect storm), 0 before; and when each viewer synced since. */
    private volatile long cutAtMillis;
    private final AtomicLongArray resyncedAt;

    private LoadTestViewers(HttpClient http, URI webSocketUrl, List<String> skus, int connections) {
        this.http = http;
        this.webSocketUrl = webSocketUrl;
        this.skus = skus;
        this.clients = new AtomicReferenceArray<>(connections);
        this.lastStockAt = new AtomicLongArray(connections);
        this.lastSnapshotAt = new AtomicLongArray(connections);
        this.lastSyncAt = new AtomicLongArray(connections);
        this.openedAt = new AtomicLongArray(connections);
        this.lastHeardAt = new AtomicLongArray(connections);
        this.lastPingAt = new AtomicLongArray(connections);
        this.resyncedAt = new AtomicLongArray(connections);
        settler.scheduleWithFixedDelay(this::settle, 500, 500, TimeUnit.MILLISECONDS);
    }

    /**
     * Syncs each viewer whose page went quiet after an update it saw, until a snapshot answers it; and each viewer
     * whose sync since its socket opened is still unanswered.
     */
    private void settle() {
        long now = System.currentTimeMillis();
        for (int i = 0; i < clients.length(); i++) {
            ViewerClient client = clients.get(i);
            if (client != null && !closing && !client.closed.isDone()) {
                if (now - lastHeardAt.get(i) >= HEARTBEAT_DEADLINE_MILLIS) {
                    replacedSilent.increment();
                    client.abort();   // its close opens it again, as the page replaces a silent socket
                    continue;
                }
                if (now - lastPingAt.get(i) >= PING_MILLIS) {
                    lastPingAt.set(i, now);
                    client.send(ClientRequest.of(ClientAction.PING));
                }
            }
            if (client != null && !closing && lastSnapshotAt.get(i) < openedAt.get(i)
                    && now - lastSyncAt.get(i) >= SYNC_RETRY_MILLIS) {
                lastSyncAt.set(i, now);
                syncRetries.increment();
                client.send(ClientRequest.sync(PageKey.product(skus.get(i % skus.size()))));
                continue;
            }
            long stockAt = lastStockAt.get(i);
            if (client != null && !closing && stockAt > lastSnapshotAt.get(i) && now - stockAt >= SETTLE_MILLIS
                    && now - lastSyncAt.get(i) >= SETTLE_MILLIS) {
                lastSyncAt.set(i, now);
                settleSyncs.increment();
                client.send(ClientRequest.sync(PageKey.product(skus.get(i % skus.size()))));
            }
        }
    }

    /** Opens {@code connections} viewers spread round-robin over the SKUs' pages, {@code ramp} per second. */
    static LoadTestViewers open(HttpClient http, URI webSocketUrl, List<String> skus, int connections, double ramp)
            throws InterruptedException {
        LoadTestViewers viewers = new LoadTestViewers(http, webSocketUrl, skus, connections);
        List<CompletableFuture<?>> opening = new ArrayList<>();
        long rampStart = System.nanoTime();
        try {
            for (int i = 0; i < connections; i++) {
                long wait = rampStart + (long) (i * 1e9 / ramp) - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                ViewerTimeline timeline = new ViewerTimeline(i % skus.size());
                viewers.timelines.add(timeline);
                opening.add(viewers.openOne(i, timeline));
            }
            CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new)).join();
        } catch (InterruptedException | RuntimeException e) {
            viewers.closeAll();   // its settle thread and whatever opened
            throw e;
        }
        viewers.connectSeconds = (System.nanoTime() - rampStart) / 1e9;
        return viewers;
    }

    /**
     * Opens viewer {@code index}'s socket and syncs; if the socket later closes under it (not by {@link #closeAll}),
     * opens it again as the page's feed code does: after a jittered wait, then a sync, so it converges again.
     */
    private CompletableFuture<?> openOne(int index, ViewerTimeline timeline) {
        return connect(index, timeline).exceptionally(error -> {
            if (throttled(error)) {
                // Past API Gateway's new-connection quota: the page backs off and tries again, and so does this.
                reopen(index, timeline, 1);
            } else {
                connectFailures.increment();
            }
            return null;
        });
    }

    /** Whether an open failed with 429 (counted). */
    private boolean throttled(Throwable error) {
        Throwable cause = error.getCause() != null ? error.getCause() : error;
        if (cause instanceof ViewerClient.ConnectFailure failure && failure.refusal == ViewerClient.Refusal.THROTTLED) {
            throttled429.increment();
            return true;
        }
        return false;
    }

    /** The stack is about to close every socket: from now on each viewer's next snapshot counts as its recovery. */
    void cutAt(long millis) {
        cutAtMillis = millis;
    }

    /**
     * After a cut of {@code closed} sockets: how many viewers have synced again, and the seconds from the cut to the
     * last of them (-1 while some have not); {@link LoadTestResult.Storm#none()} before a cut.
     */
    LoadTestResult.Storm storm(long closed) {
        long cut = cutAtMillis;
        if (cut == 0) {
            return LoadTestResult.Storm.none();
        }
        int resynced = 0;
        long last = 0;
        for (int i = 0; i < resyncedAt.length(); i++) {
            long at = resyncedAt.get(i);
            if (at >= cut) {
                resynced++;
                last = Math.max(last, at);
            }
        }
        return new LoadTestResult.Storm(closed, resynced, resynced == resyncedAt.length() ? (last - cut) / 1000.0 : -1);
    }

    private void reopen(int index, ViewerTimeline timeline, int attempt) {
        if (closing) {
            return;
        }
        long ceiling = Math.min(5_000, 250L << Math.min(attempt, 5));
        long wait = ThreadLocalRandom.current().nextLong(ceiling / 4, ceiling + 1);
        CompletableFuture.delayedExecutor(wait, TimeUnit.MILLISECONDS).execute(() -> {
            if (closing) {
                return;
            }
            connect(index, timeline).thenRun(reconnects::increment).exceptionally(error -> {
                throttled(error);
                reopen(index, timeline, attempt + 1);
                return null;
            });
        });
    }

    /** One socket for viewer {@code index}: opened, synced, and opened again whenever it closes under the viewer. */
    private CompletableFuture<Void> connect(int index, ViewerTimeline timeline) {
        String sku = skus.get(timeline.sku);
        PageKey page = PageKey.product(sku);
        return ViewerClient.open(http, webSocketUrl, page.value(), frame -> onFrame(index, timeline, sku, frame))
                .thenAccept(client -> {
                    clients.set(index, client);
                    if (closing) {
                        client.close();   // opened while closeAll went by
                        return;
                    }
                    long now = System.currentTimeMillis();
                    openedAt.set(index, now);
                    lastSyncAt.set(index, now);
                    lastHeardAt.set(index, now);
                    lastPingAt.set(index, now);
                    client.send(ClientRequest.sync(page));
                    client.closed.thenRun(() -> reopen(index, timeline, 1));
                });
    }

    private void onFrame(int index, ViewerTimeline viewer, String sku, JsonNode frame) {
        long now = System.currentTimeMillis();
        frames.increment();
        lastHeardAt.set(index, now);
        switch (frame.path("type").asText()) {
            case "stock" -> lastStockAt.set(index, now);
            case "snapshot" -> {
                lastSnapshotAt.set(index, now);
                if (cutAtMillis > 0 && resyncedAt.get(index) < cutAtMillis) {
                    resyncedAt.set(index, now);
                }
            }
            default -> { }
        }
        AtomicLongArray seconds = perSecond;
        if (seconds != null) {
            long second = (now - countFromMillis) / 1000;
            if (second >= 0 && second < seconds.length()) {
                seconds.incrementAndGet((int) second);
            }
        }
        for (JsonNode item : ViewerClient.stockItems(frame)) {
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
    long behind(Map<String, StockLevel> table) {
        long behind = 0;
        for (ViewerTimeline viewer : connected()) {
            StockLevel row = table.get(skus.get(viewer.sku));
            if (row == null || viewer.available() != row.available() || viewer.version() != row.version()) {
                behind++;
            }
        }
        return behind;
    }

    void closeAll() {
        closing = true;
        settler.shutdownNow();
        for (int i = 0; i < clients.length(); i++) {
            ViewerClient client = clients.get(i);
            if (client != null) {
                client.close();
            }
        }
    }
}
