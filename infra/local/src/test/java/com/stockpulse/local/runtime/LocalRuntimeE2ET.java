package com.stockpulse.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.stockpulse.functions.store.ConnectionStore;
import com.stockpulse.local.testing.Eventually;
import com.stockpulse.local.testing.TestSocket;
import com.stockpulse.local.testing.TestStacks;
import com.stockpulse.local.testing.Viewer;
import com.stockpulse.model.EventType;
import com.stockpulse.model.SaleEvent;
import com.stockpulse.model.StockLevel;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded stack end to end: sale events put on kinesalite with the SDK, browsers on the emulated WebSocket
 * API with the JDK's client (and Python's websocket-client with its defaults: Debian's python3-websocket, which
 * ./run-tests installs), DynamoDB Local in between, and every handler of {@code functions} unchanged.
 */
class LocalRuntimeE2ET {

    private static final Duration WAIT = Duration.ofSeconds(15);

    /** Debian's interpreter, where python3-websocket installs (a pyenv python on PATH would not see it). */
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    static Path dataDir;

    private static LocalRuntime runtime;

    @BeforeAll
    static void start() {
        LocalSettings settings = TestStacks.settings(dataDir);
        // $disconnect is best effort on AWS: here a killed client gets none, so the 410 path must clean up.
        settings = settings.toBuilder().emulator(settings.webSocketApi().withDisconnectOnAbort(false)).build();
        runtime = LocalRuntime.start(settings);
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    private static SaleEvent event(EventType type, String sku, long quantity) {
        return new SaleEvent(UUID.randomUUID().toString(), type, sku, quantity, Instant.now(), "e2e");
    }

    private static String put(SaleEvent event) {
        return runtime.kinesis().putRecord(r -> r.streamName(runtime.settings().streamName())
                .partitionKey(event.partitionKey()).data(SdkBytes.fromByteArray(event.toJsonBytes()))).sequenceNumber();
    }

    private static long available(String sku) {
        return runtime.wiring().stockStore().get(sku).map(StockLevel::available).orElse(-1L);
    }

    private static void stockIs(String sku, long units) throws InterruptedException {
        stockIs(sku, units, WAIT);
    }

    private static void stockIs(String sku, long units, Duration timeout) throws InterruptedException {
        Eventually.await(sku + " has " + units, timeout, () -> available(sku) == units);
    }

    private static String newConnectionId(Set<String> before) throws InterruptedException {
        Set<String> found = new HashSet<>();
        Eventually.await("a new connection opens", WAIT, () -> {
            found.clear();
            found.addAll(runtime.webSocketApi().openConnectionIds());
            found.removeAll(before);
            return found.size() == 1;
        });
        return found.iterator().next();
    }

    private static boolean isStock(JsonNode frame, String sku, long available) {
        return frame.path("type").asText().equals("stock") && frame.path("sku").asText().equals(sku)
                && frame.path("available").asLong() == available;
    }

    @Test
    void sale_onKinesis_reachesTheViewersOfThatProductOnly() throws Exception {
        try (Viewer a = Viewer.open(runtime.webSocketUrl(), "/products/e2e-a");
             Viewer b = Viewer.open(runtime.webSocketUrl(), "/products/e2e-b")) {
            put(event(EventType.SET, "e2e-a", 10));
            put(event(EventType.SET, "e2e-b", 5));
            // Each viewer has its SET: no earlier fan-out is still in flight when the sale goes in.
            JsonNode set = a.awaitFrame(WAIT, frame -> isStock(frame, "e2e-a", 10));
            b.awaitFrame(WAIT, frame -> isStock(frame, "e2e-b", 5));

            put(event(EventType.SALE, "e2e-a", 3));

            JsonNode frame = a.awaitFrame(WAIT, f -> isStock(f, "e2e-a", 7));
            assertThat(frame.path("version").asLong()).isEqualTo(set.path("version").asLong() + 1);
            assertThat(b.receive(Duration.ofSeconds(1))).isEmpty();
        }
    }

    @Test
    void sync_rightAfterOpen_returnsTheCurrentValue() throws Exception {
        put(event(EventType.SET, "e2e-s", 42));
        stockIs("e2e-s", 42);
        try (Viewer viewer = Viewer.open(runtime.webSocketUrl(), "/products/E2E-S")) {
            viewer.sync();

            JsonNode snapshot = viewer.awaitFrame(WAIT, frame -> frame.path("type").asText().equals("snapshot"));

            assertThat(snapshot.path("page").asText()).isEqualTo("/products/e2e-s");
            assertThat(viewer.available("e2e-s")).isEqualTo(42);
        }
    }

    @Test
    void badPage_failsTheHandshake() {
        assertThat(TestSocket.handshakeStatus(URI.create(runtime.webSocketUrl() + "?page=/admin"))).isEqualTo(400);
        assertThat(TestSocket.handshakeStatus(runtime.webSocketUrl())).isEqualTo(400);
    }

    @Test
    void clientThatCloses_isRemoved() throws Exception {
        ConnectionStore connections = runtime.wiring().connectionStore();
        Set<String> before = new HashSet<>(runtime.webSocketApi().openConnectionIds());
        Viewer viewer = Viewer.open(runtime.webSocketUrl(), "/products/e2e-c");
        String id = newConnectionId(before);
        assertThat(connections.pagesOf(id)).hasSize(1);

        viewer.close();

        Eventually.await("rows of " + id + " removed by $disconnect", WAIT, () -> connections.pagesOf(id).isEmpty());
    }

    @Test
    void clientKilledWithoutACloseFrame_isRemovedAtTheNextFanOut() throws Exception {
        ConnectionStore connections = runtime.wiring().connectionStore();
        Set<String> before = new HashSet<>(runtime.webSocketApi().openConnectionIds());
        Viewer killed = Viewer.open(runtime.webSocketUrl(), "/products/e2e-k");
        String id = newConnectionId(before);
        put(event(EventType.SET, "e2e-k", 9));
        // The SET's own fan-out has reached the viewer: no fan-out is in flight when it dies.
        killed.awaitFrame(WAIT, frame -> isStock(frame, "e2e-k", 9));

        killed.socket().abort();
        Eventually.await("emulator forgets " + id, WAIT, () -> !runtime.webSocketApi().openConnectionIds().contains(id));
        Thread.sleep(300);
        assertThat(connections.pagesOf(id)).as("no $disconnect came, rows remain").hasSize(1);

        put(event(EventType.SALE, "e2e-k", 1));

        Eventually.await("410 on fan-out removes " + id, WAIT, () -> connections.pagesOf(id).isEmpty());
    }

    @Test
    void poisonRecord_landsInTheOnFailureDestinationAfterRetries_andLaterRecordsAreApplied() throws Exception {
        // A hand-edited row whose count is text: every update of it fails for good (ValidationException).
        runtime.wiring().dynamoDb().putItem(r -> r.tableName(runtime.functionsConfig().stockTable()).item(Map.of(
                "sku", AttributeValue.fromS("e2e-poison"), "available", AttributeValue.fromS("lots"),
                "version", AttributeValue.fromN("1"), "updatedAt", AttributeValue.fromS(Instant.now().toString()))));
        SaleEvent poison = event(EventType.SALE, "e2e-poison", 1);
        String poisonSequence = put(poison);
        put(event(EventType.SET, "e2e-after", 4));

        Eventually.await("the poison record is discarded", Duration.ofSeconds(60),
                () -> !runtime.saleMapping().failures().discarded().isEmpty());
        stockIs("e2e-after", 4);
        Map<String, Object> document = runtime.saleMapping().failures().discarded().getFirst();
        assertThat(document.get("KinesisBatchInfo")).asString().contains(poisonSequence);
        assertThat(document.get("requestContext")).asString().contains("RetryAttemptsExhausted");
        assertThat(runtime.saleMapping().failures().file()).content().contains(poisonSequence);
    }

    @Test
    void hundredClientsAndAThousandSales_convergeOnTheTable() throws Exception {
        List<String> skus = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            skus.add("e2e-load-" + i);
            put(event(EventType.SET, "e2e-load-" + i, 1_000));
        }
        for (String sku : skus) {
            stockIs(sku, 1_000);
        }
        List<Viewer> viewers = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                Viewer viewer = Viewer.open(runtime.webSocketUrl(), "/products/" + skus.get(i % 10));
                viewer.sync();
                viewers.add(viewer);
            }
            Map<String, Long> expected = new java.util.HashMap<>();
            skus.forEach(sku -> expected.put(sku, 1_000L));
            Random random = new Random(7);
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                String sku = skus.get(random.nextInt(skus.size()));
                boolean sale = random.nextInt(4) > 0;
                long quantity = 1 + random.nextInt(3);
                SaleEvent event = event(sale ? EventType.SALE : EventType.RESTOCK, sku, quantity);
                expected.merge(sku, sale ? -quantity : quantity, Long::sum);
                entries.add(PutRecordsRequestEntry.builder().partitionKey(sku)
                        .data(SdkBytes.fromByteArray(event.toJsonBytes())).build());
            }
            for (int from = 0; from < entries.size(); from += 500) {
                List<PutRecordsRequestEntry> chunk = entries.subList(from, from + 500);
                PutRecordsResponse response = runtime.kinesis().putRecords(r -> r
                        .streamName(runtime.settings().streamName()).records(chunk));
                assertThat(response.failedRecordCount()).isZero();
            }

            // Eventual, not timed: a busy 2-core CI machine may take a while for 1,000 transactions.
            for (String sku : skus) {
                stockIs(sku, expected.get(sku), Duration.ofSeconds(90));
            }
            assertThat(runtime.saleMapping().failures().discarded()).as("nothing discarded besides the poison test's record")
                    .hasSizeLessThanOrEqualTo(1);
            Eventually.await("every viewer shows the table's value", Duration.ofSeconds(30), () -> {
                for (int i = 0; i < viewers.size(); i++) {
                    try {
                        viewers.get(i).receive(Duration.ofMillis(1));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                    String sku = skus.get(i % 10);
                    if (viewers.get(i).available(sku) != available(sku)) {
                        return false;
                    }
                }
                return true;
            });
            long totalChange = 0;
            for (String sku : skus) {
                totalChange += available(sku) - 1_000;
            }
            long eventSum = expected.values().stream().mapToLong(v -> v - 1_000).sum();
            assertThat(totalChange).isEqualTo(eventSum);
        } finally {
            viewers.forEach(Viewer::close);
        }
    }

    @Test
    void pythonsWebsocketClient_withItsDefaultOrigin_connectsAndGetsItsSnapshot() throws Exception {
        assertThat(PYTHON).as("Debian's python3 with python3-websocket: apt-get install -y python3-websocket "
                + "(./run-tests installs it)").exists();
        SaleEvent set = new SaleEvent("py-set-1", EventType.SET, "py-1", 8, Instant.now(), "e2e");
        put(set);
        Eventually.await("py-1 is set", Duration.ofSeconds(15),
                () -> runtime.wiring().stockStore().get("py-1").isPresent());
        Path script = Path.of("src/test/python/websocket_client_sync.py").toAbsolutePath();
        Path output = Files.createTempFile("websocket-client", ".out");

        Process python = new ProcessBuilder(PYTHON.toString(), script.toString(),
                runtime.webSocketUrl() + "?page=/products/py-1")
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean finished = python.waitFor(30, TimeUnit.SECONDS);
        String printed = read(output);
        if (!finished) {
            python.destroyForcibly();
        }

        assertThat(finished).as("websocket-client finished; it printed: %s", printed).isTrue();
        assertThat(python.exitValue()).as("websocket-client's exit; it printed: %s", printed).isZero();
        assertThat(printed).contains("\"type\":\"snapshot\"").contains("\"sku\":\"py-1\"").contains("\"available\":8");
    }

    private static String read(Path output) throws IOException {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
