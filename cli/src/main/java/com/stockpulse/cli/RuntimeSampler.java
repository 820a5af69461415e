package com.stockpulse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.stockpulse.model.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * Samples the local stack under test every few seconds through its {@code GET /ops/api/runtime}: heap after GC,
 * live threads, open file descriptors and sockets, so a long run (a soak) shows whether any of them grows.
 */
final class RuntimeSampler implements AutoCloseable {

    /** Grown by more than this over the first minute's mean is not flat. */
    static final double FLAT_TOLERANCE = 0.10;

    record Sample(long atMillis, long heapAfterGcBytes, long liveThreads, long openFileDescriptors, long sockets) {
    }

    /** The figures a soak watches: their name in result.json, their label on the chart, and how to read them. */
    enum Figure {
        HEAP_AFTER_GC("heapAfterGcBytes", "heap after GC (MB)", Sample::heapAfterGcBytes, 1024 * 1024),
        LIVE_THREADS("liveThreads", "live threads", Sample::liveThreads, 1),
        OPEN_FILE_DESCRIPTORS("openFileDescriptors", "open file descriptors", Sample::openFileDescriptors, 1);

        final String key;
        final String label;
        final ToLongFunction<Sample> value;
        /** What one unit on the chart is worth (bytes are charted in MB). */
        final long chartUnit;

        Figure(String key, String label, ToLongFunction<Sample> value, long chartUnit) {
            this.key = key;
            this.label = label;
            this.value = value;
            this.chartUnit = chartUnit;
        }

        Trend trend(List<Sample> samples) {
            return Trend.of(samples, value);
        }
    }

    /**
     * One figure over the run: its mean over the first minute (the reference), its highest value after it, and
     * whether that stayed within {@link #FLAT_TOLERANCE} of the reference.
     */
    record Trend(double firstMinute, long maxAfterFirstMinute, boolean flat) {

        static Trend of(List<Sample> samples, ToLongFunction<Sample> figure) {
            if (samples.isEmpty()) {
                return new Trend(0, 0, true);
            }
            long firstMinuteEnds = samples.getFirst().atMillis() + 60_000;
            double first = samples.stream().filter(s -> s.atMillis() < firstMinuteEnds).mapToLong(figure).average()
                    .orElse(0);
            long maxAfter = samples.stream().filter(s -> s.atMillis() >= firstMinuteEnds).mapToLong(figure).max()
                    .orElse((long) first);
            return new Trend(first, maxAfter, maxAfter <= first * (1 + FLAT_TOLERANCE));
        }
    }

    private final HttpClient http;
    private final URI runtime;
    private final List<Sample> samples = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("loadtest-runtime-sampler").factory());
    private volatile String lastError;

    private RuntimeSampler(HttpClient http, URI web) {
        this.http = http;
        this.runtime = web.resolve("/ops/api/runtime");
    }

    /** Starts sampling the stack whose web server is {@code web}, every {@code every}. */
    static RuntimeSampler start(HttpClient http, URI web, Duration every) {
        RuntimeSampler sampler = new RuntimeSampler(http, web);
        sampler.timer.scheduleAtFixedRate(sampler::sample, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return sampler;
    }

    private void sample() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(runtime).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                lastError = "HTTP " + response.statusCode() + " from " + runtime;
                return;
            }
            JsonNode figures = Json.mapper().readTree(response.body());
            Sample sample = new Sample(System.currentTimeMillis(), figures.path(Figure.HEAP_AFTER_GC.key).asLong(),
                    figures.path(Figure.LIVE_THREADS.key).asLong(), figures.path(Figure.OPEN_FILE_DESCRIPTORS.key).asLong(),
                    figures.path("sockets").asLong());
            synchronized (samples) {
                samples.add(sample);
            }
        } catch (IOException e) {
            lastError = e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    /** Why the last sample failed, or null; a stack without the endpoint (an older one) gives no samples. */
    String lastError() {
        return lastError;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
