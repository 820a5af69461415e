package com.stockpulse.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.stockpulse.model.EventType;
import com.stockpulse.model.Json;
import com.stockpulse.model.SaleEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Measures the embedded stack as a user runs it: {@code ./stockpulse local} in its own process.
 * <ol>
 *   <li>start to ready: from launching the command to the "StockPulse is running" line;</li>
 *   <li>end-to-end latency from PutRecord to the stock frame at the browser, 100 viewers on 10 product pages,
 *       50 sale events per second;</li>
 *   <li>the runtime's heap in use (after a full GC, read with jcmd) with no clients and with 1,000 idle ones.</li>
 * </ol>
 * Run: {@code ./mvnw -q package -DskipTests && ./mvnw -q -pl infra/local exec:exec@local-benchmark}
 * (arguments after the checkout: seconds, events per second, idle connections, poll interval in ms;
 * pass them with {@code -Dexec.args=...} replaced, or run the class directly).
 */
public final class LocalBenchmark {

    private static final int WEB = 18080;
    private static final int WS = 18081;
    private static final int DDB = 18000;
    private static final int KINESIS = 14567;
    private static final Pattern READY = Pattern.compile("StockPulse is running");

    private LocalBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args.length > 0 ? args[0] : "../..").toAbsolutePath().normalize();
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int idle = args.length > 3 ? Integer.parseInt(args[3]) : 1_000;
        String pollMs = args.length > 4 ? args[4] : "100";

        long launched = System.nanoTime();
        Process runtime = new ProcessBuilder(home.resolve("stockpulse").toString(), "local", "--no-seed",
                "--web-port", "" + WEB, "--ws-port", "" + WS, "--dynamodb-port", "" + DDB, "--kinesis-port", "" + KINESIS,
                "--poll-ms", pollMs)
                .redirectErrorStream(true).start();
        CompletableFuture<Long> ready = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(runtime.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (READY.matcher(line).find()) {
                        ready.complete(System.nanoTime());
                    }
                }
            } catch (Exception e) {
                ready.completeExceptionally(e);
            }
        });
        try {
            double readySeconds = (ready.get(120, TimeUnit.SECONDS) - launched) / 1e9;
            System.out.printf("start to ready: %.2f s (./stockpulse local, already built, JVM start included); "
                    + "both mappings poll idle shards every %s ms%n", readySeconds, pollMs);
            latency(seconds, rate);
            heap(runtime.pid(), idle);
        } finally {
            runtime.destroy();
            runtime.waitFor(10, TimeUnit.SECONDS);
        }
        System.exit(0);
    }

    private static final long STARTING_STOCK = 1_000_000;

    private static void latency(int seconds, int rate) throws Exception {
        System.setProperty("aws.cborEnabled", "false");
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        KinesisClient kinesis = KinesisClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + KINESIS))
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create()).build();
        List<String> skus = new ArrayList<>();
        // A sale is recognised in a frame by the count it leaves (versions start at the row's creation time, so
        // they cannot be predicted): each SKU starts at STARTING_STOCK and each sale takes one.
        Map<String, AtomicLong> available = new ConcurrentHashMap<>();
        for (int i = 0; i < 10; i++) {
            String sku = "bench-" + i;
            skus.add(sku);
            available.put(sku, new AtomicLong(STARTING_STOCK));
            put(kinesis, new SaleEvent("set-" + sku, EventType.SET, sku, STARTING_STOCK, Instant.now(), "bench"));
        }
        Thread.sleep(2_000);
        Map<String, Long> putAt = new ConcurrentHashMap<>();
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        HttpClient http = HttpClient.newHttpClient();
        List<WebSocket> viewers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            viewers.add(http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + WS + "/?page=/products/"
                    + skus.get(i % 10)), new Listener(frame -> {
                        if (frame.path("type").asText().equals("stock")) {
                            Long sent = putAt.get(frame.path("sku").asText() + "#" + frame.path("available").asLong());
                            if (sent != null) {
                                latencies.add(System.nanoTime() - sent);
                            }
                        }
                    })).join());
        }
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        int sent = 0;
        for (long next = start; next < start + seconds * 1_000_000_000L; next += interval) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            String sku = skus.get(sent % skus.size());
            long left = available.get(sku).decrementAndGet();
            putAt.put(sku + "#" + left, System.nanoTime());
            put(kinesis, new SaleEvent("sale-" + sent, EventType.SALE, sku, 1, Instant.now(), "bench"));
            sent++;
        }
        Thread.sleep(3_000);
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("end-to-end latency, PutRecord to frame: %d events at %d/s for %d s, 100 viewers on 10 pages, "
                        + "%d frames measured (a frame that coalesced several sales counts once, for the last)%n",
                sent, rate, seconds, sorted.length);
        System.out.printf("  p50 %.1f ms   p90 %.1f ms   p99 %.1f ms   max %.1f ms%n", pct(sorted, 50), pct(sorted, 90),
                pct(sorted, 99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
        viewers.forEach(ws -> ws.sendClose(WebSocket.NORMAL_CLOSURE, "done"));
        kinesis.close();
    }

    private static void heap(long pid, int idle) throws Exception {
        Thread.sleep(2_000);
        long before = heapUsed(pid);
        HttpClient http = HttpClient.newHttpClient();
        List<WebSocket> sockets = new ArrayList<>();
        for (int i = 0; i < idle; i++) {
            sockets.add(http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + WS
                    + "/?page=/products/idle-" + (i % 50)), new Listener(frame -> { })).join());
        }
        Thread.sleep(2_000);
        long after = heapUsed(pid);
        System.out.printf("runtime heap in use after a full GC: %.1f MB with no clients, %.1f MB with %d idle "
                + "connections (%.1f KB per connection)%n", before / 1e6, after / 1e6, idle, (after - before) / 1e3 / idle);
        sockets.forEach(ws -> ws.abort());
    }

    /** Heap in use of another JVM after a full GC, from {@code jcmd PID GC.heap_info}. */
    private static long heapUsed(long pid) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        new ProcessBuilder(jcmd.toString(), "" + pid, "GC.run").redirectErrorStream(true).start().waitFor();
        Process info = new ProcessBuilder(jcmd.toString(), "" + pid, "GC.heap_info").redirectErrorStream(true).start();
        String text = new String(info.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        info.waitFor();
        Matcher used = Pattern.compile("used (\\d+)K").matcher(text);
        if (!used.find()) {
            throw new IllegalStateException("cannot read the heap of " + pid + ":\n" + text);
        }
        return Long.parseLong(used.group(1)) * 1024;
    }

    private static double pct(long[] sorted, int percentile) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    private static void put(KinesisClient kinesis, SaleEvent event) {
        kinesis.putRecord(r -> r.streamName("sale-events").partitionKey(event.partitionKey())
                .data(SdkBytes.fromByteArray(event.toJsonBytes())));
    }

    /** Collects whole text messages and hands each, parsed, to a consumer. */
    private record Listener(java.util.function.Consumer<JsonNode> onFrame, StringBuilder partial) implements WebSocket.Listener {
        Listener(java.util.function.Consumer<JsonNode> onFrame) {
            this(onFrame, new StringBuilder());
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    onFrame.accept(Json.mapper().readTree(partial.toString()));
                } catch (Exception e) {
                    System.err.println("unreadable frame: " + e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }

}
