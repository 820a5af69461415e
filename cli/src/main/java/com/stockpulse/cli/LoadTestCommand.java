package com.stockpulse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.stockpulse.model.EventType;
import com.stockpulse.model.SaleEvent;
import com.stockpulse.model.Tables;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@Command(name = "loadtest", mixinStandardHelpOptions = true,
        description = {"Open many browser-like connections, sync each, drive sales, then report latency, delivery and "
                + "convergence: a console table, a JSON result file and a self-contained HTML report.",
                "Exit codes: 0 ok, 1 convergence failed, 2 bad arguments, 3 endpoint unreachable, 4 errors above "
                        + "--max-error-rate."},
        footerHeading = "%nExamples:%n",
        footer = {"  stockpulse loadtest --connections 1000 --pages 10 --rate 100/s --duration 60s",
                  "  stockpulse loadtest --connections 5000 --pages 50 --rate 20/s --duration 60s --out results/5k"})
final class LoadTestCommand implements Callable<Integer> {

    private static final long SEED_UNITS = 1_000_000;

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Option(names = "--connections", defaultValue = "1000", paramLabel = "N", description = "Browser-like connections (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--pages", defaultValue = "10", paramLabel = "N", description = "Product pages they spread over, one SKU each (default: ${DEFAULT-VALUE}).")
    int pages;

    @Option(names = "--rate", defaultValue = "100/s", converter = Converters.Rate.class, paramLabel = "N/s", description = "Sale events per second (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--duration", defaultValue = "60s", converter = Converters.Time.class, paramLabel = "TIME", description = "How long to drive sales (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--ramp", defaultValue = "500/s", converter = Converters.Rate.class, paramLabel = "N/s", description = "Connections opened per second; AWS's account quota is 500/s (default: ${DEFAULT-VALUE}).")
    double ramp;

    @Option(names = "--quiesce", defaultValue = "30s", converter = Converters.Time.class, paramLabel = "TIME", description = "How long to wait for everything to settle before checking convergence (default: ${DEFAULT-VALUE}).")
    Duration quiesce;

    @Option(names = "--max-error-rate", defaultValue = "0.01", paramLabel = "RATIO", description = "Connect and put failures above this share fail the run (default: ${DEFAULT-VALUE}).")
    double maxErrorRate;

    @Option(names = "--out", defaultValue = "loadtest-results", paramLabel = "DIR", description = "Where result.json and report.html go (default: ${DEFAULT-VALUE}).")
    Path out;

    /** What one connection saw. */
    private static final class Viewer {
        final String sku;
        volatile long version = -1;
        volatile long available = -1;
        volatile ViewerClient client;

        Viewer(String sku) {
            this.sku = sku;
        }
    }

    @Override
    public Integer call() throws Exception {
        if (connections < 1 || pages < 1 || pages > connections || connections > 100_000) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--connections is 1 to 100,000 and --pages is 1 to --connections");
        }
        PrintWriter console = spec.commandLine().getOut();
        Target resolved = target.resolve();
        String run = "lt" + Long.toString(Instant.now().getEpochSecond(), 36);
        List<String> skus = new ArrayList<>();
        for (int i = 0; i < pages; i++) {
            skus.add(run + "-" + i);
        }
        LoadTestResult result = new LoadTestResult(run, resolved.description(), connections, pages, rate, duration);
        Map<String, Long> occurredAt = new ConcurrentHashMap<>();
        Histogram latency = new Histogram(60_000_000L, 3);
        Map<Long, Histogram> perSecond = new ConcurrentHashMap<>();
        LongAdder received = new LongAdder();
        LongAdder duplicates = new LongAdder();
        LongAdder stale = new LongAdder();
        AtomicLong firstSecond = new AtomicLong();

        try (EventPublisher publisher = new EventPublisher(resolved); DynamoDbClient dynamoDb = resolved.dynamoDb()) {
            console.printf("loadtest %s against %s: %d connections on %d pages, %.0f events/s for %ds%n", run,
                    resolved.description(), connections, pages, rate, duration.toSeconds());
            console.flush();
            // 1. Seed one SKU per page, far from zero so no sale is refused, and learn each starting version.
            Map<String, Long> startVersion = new ConcurrentHashMap<>();
            for (String sku : skus) {
                publisher.put(SaleEvents.validated(EventType.SET, sku, SEED_UNITS, "loadtest"));
            }
            long seedDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            for (String sku : skus) {
                while (!startVersion.containsKey(sku)) {
                    long[] level = stock(dynamoDb, resolved, sku);
                    if (level != null && level[0] == SEED_UNITS) {
                        startVersion.put(sku, level[1]);
                    } else if (System.nanoTime() > seedDeadline) {
                        throw new UnreachableEndpointException("the seed events for " + sku + " did not reach the stock "
                                + "table in 30 s: is the consumer running?", null);
                    } else {
                        Thread.sleep(50);
                    }
                }
            }
            // 2. Open the connections, ramped, and sync each.
            HttpClient http = HttpClient.newHttpClient();
            List<Viewer> viewers = new ArrayList<>();
            List<CompletableFuture<?>> opening = new ArrayList<>();
            long rampStart = System.nanoTime();
            for (int i = 0; i < connections; i++) {
                long due = rampStart + (long) (i * 1e9 / ramp);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                Viewer viewer = new Viewer(skus.get(i % pages));
                viewers.add(viewer);
                opening.add(ViewerClient.open(http, resolved.webSocketUrl(), "/products/" + viewer.sku, frame -> {
                    long now = System.currentTimeMillis();
                    for (JsonNode item : items(frame)) {
                        if (!item.path("sku").asText().equals(viewer.sku)) {
                            continue;
                        }
                        long version = item.path("version").asLong();
                        received.increment();
                        if (version == viewer.version) {
                            duplicates.increment();
                        } else if (version < viewer.version) {
                            stale.increment();
                        } else {
                            viewer.version = version;
                            viewer.available = item.path("available").asLong();
                            Long sent = occurredAt.get(viewer.sku + "#" + version);
                            if (sent != null && frame.path("type").asText().equals("stock")) {
                                long micros = Math.max(0, (now - sent) * 1000);
                                latency.recordValue(Math.min(micros, latency.getHighestTrackableValue()));
                                long second = (now - firstSecond.get()) / 1000;
                                perSecond.computeIfAbsent(second, s -> new Histogram(60_000_000L, 2))
                                        .recordValue(Math.min(micros, 60_000_000L));
                            }
                        }
                    }
                }).thenAccept(client -> {
                    viewer.client = client;
                    client.send("sync");
                }).exceptionally(error -> {
                    Throwable cause = error.getCause() != null ? error.getCause() : error;
                    if (cause instanceof ViewerClient.ConnectFailure failure && failure.refusal == ViewerClient.Refusal.THROTTLED) {
                        result.throttled429.increment();
                    } else {
                        result.connectFailures.increment();
                    }
                    return null;
                }));
            }
            CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new)).join();
            result.connectSeconds = (System.nanoTime() - rampStart) / 1e9;
            long open = viewers.stream().filter(v -> v.client != null).count();
            if (open == 0) {
                throw new UnreachableEndpointException("no connection to " + resolved.webSocketUrl() + " opened", null);
            }
            console.printf("opened %d of %d connections in %.1f s (%d refused with 429, %d failed)%n", open, connections,
                    result.connectSeconds, result.throttled429.sum(), result.connectFailures.sum());
            console.flush();
            // 3. Drive sales; the k-th sale of a SKU makes version start + k, which maps each frame to its event.
            Map<String, AtomicLong> salesPerSku = new ConcurrentHashMap<>();
            skus.forEach(sku -> salesPerSku.put(sku, new AtomicLong()));
            Random random = new Random();
            long started = System.nanoTime();
            firstSecond.set(System.currentTimeMillis());
            long end = started + duration.toNanos();
            long queued = 0;
            while (System.nanoTime() < end) {
                long due = (long) (rate * (System.nanoTime() - started) / 1e9) - queued;
                List<SaleEvent> batch = new ArrayList<>();
                for (long i = 0; i < Math.min(due, EventPublisher.MAX_BATCH); i++) {
                    String sku = skus.get(random.nextInt(skus.size()));
                    SaleEvent event = SaleEvents.validated(EventType.SALE, sku, 1, "loadtest");
                    long version = startVersion.get(sku) + salesPerSku.get(sku).incrementAndGet();
                    occurredAt.put(sku + "#" + version, event.occurredAt().toEpochMilli());
                    batch.add(event);
                }
                queued += batch.size();
                if (!batch.isEmpty()) {
                    EventPublisher.BatchResult put = publisher.putBatch(batch);
                    result.eventsPut += put.put();
                    result.putFailures += put.failed();
                    result.putThrottled += put.throttled();
                }
                Thread.sleep(10);
            }
            result.driveSeconds = (System.nanoTime() - started) / 1e9;
            console.printf("put %,d sale events in %.1f s (%.1f/s)%n", result.eventsPut, result.driveSeconds,
                    result.eventsPut / result.driveSeconds);
            console.flush();
            // 4. Quiescence, then convergence: the table moved by exactly the events, every client shows the table.
            long quiesceEnd = System.nanoTime() + quiesce.toNanos();
            Map<String, Long> table = Map.of();
            boolean converged = false;
            while (System.nanoTime() < quiesceEnd) {
                table = tableValues(dynamoDb, resolved, skus);
                converged = converged(viewers, table, salesPerSku);
                if (converged) {
                    break;
                }
                Thread.sleep(200);
            }
            result.converged = converged;
            long totalChange = 0;
            long eventSum = 0;
            for (String sku : skus) {
                totalChange += table.getOrDefault(sku, SEED_UNITS) - SEED_UNITS;
                eventSum -= salesPerSku.get(sku).get();
            }
            result.stockChange = totalChange;
            result.eventSum = eventSum;
            Map<String, Long> finalTable = table;
            result.clientsBehind = viewers.stream().filter(v -> v.client != null
                    && v.available != finalTable.getOrDefault(v.sku, -1L)).count();
            long expected = 0;
            for (Viewer viewer : viewers) {
                if (viewer.client != null) {
                    expected += salesPerSku.get(viewer.sku).get();
                }
            }
            result.expectedMessages = expected;
            result.receivedMessages = received.sum();
            result.duplicates = duplicates.sum();
            result.staleDropped = stale.sum();
            result.openConnections = open;
            result.latency = latency;
            result.perSecond = perSecond;
            viewers.forEach(v -> {
                if (v.client != null) {
                    v.client.close();
                }
            });
        } catch (SdkException e) {
            throw new UnreachableEndpointException("the stock table " + resolved.stockTable() + " could not be read at "
                    + resolved.dynamoDbEndpoint().map(Object::toString).orElse("DynamoDB in " + resolved.region()) + ": "
                    + e.getMessage(), e);
        }
        LoadTestReport.write(result, out);
        LoadTestReport.printSummary(result, console, out);
        if (!result.converged || result.stockChange != result.eventSum) {
            return ExitCodes.CONVERGENCE_FAILED;
        }
        if (result.errorRate() > maxErrorRate) {
            return ExitCodes.TOO_MANY_ERRORS;
        }
        return ExitCodes.OK;
    }

    private static Iterable<JsonNode> items(JsonNode frame) {
        return switch (frame.path("type").asText()) {
            case "stock" -> List.of(frame);
            case "snapshot" -> frame.path("items");
            default -> List.of();
        };
    }

    private static boolean converged(List<Viewer> viewers, Map<String, Long> table, Map<String, AtomicLong> sales) {
        for (Map.Entry<String, AtomicLong> entry : sales.entrySet()) {
            if (table.getOrDefault(entry.getKey(), -1L) != SEED_UNITS - entry.getValue().get()) {
                return false;
            }
        }
        for (Viewer viewer : viewers) {
            if (viewer.client != null && viewer.available != table.get(viewer.sku)) {
                return false;
            }
        }
        return true;
    }

    /** [available, version] of a SKU, or null when it has no row yet. */
    private static long[] stock(DynamoDbClient dynamoDb, Target target, String sku) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(target.stockTable()).consistentRead(true)
                .key(Map.of(Tables.Stock.SKU, AttributeValue.fromS(sku)))).item();
        if (item == null || item.isEmpty()) {
            return null;
        }
        return new long[] {Long.parseLong(item.get(Tables.Stock.AVAILABLE).n()), Long.parseLong(item.get(Tables.Stock.VERSION).n())};
    }

    private static Map<String, Long> tableValues(DynamoDbClient dynamoDb, Target target, List<String> skus) {
        Map<String, Long> values = new ConcurrentHashMap<>();
        for (String sku : skus) {
            long[] level = stock(dynamoDb, target, sku);
            if (level != null) {
                values.put(sku, level[0]);
            }
        }
        return values;
    }
}
