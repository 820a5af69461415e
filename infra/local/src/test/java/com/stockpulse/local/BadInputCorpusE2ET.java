package com.stockpulse.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.stockpulse.functions.store.ApplyResult;
import com.stockpulse.functions.store.StockStore;
import com.stockpulse.functions.viewer.MessageRateLimiter;
import com.stockpulse.local.runtime.LocalRuntime;
import com.stockpulse.local.runtime.LocalSettings;
import com.stockpulse.local.testing.Eventually;
import com.stockpulse.local.testing.RawWebSocket;
import com.stockpulse.local.testing.SigV4;
import com.stockpulse.local.testing.TestSocket;
import com.stockpulse.local.testing.TestStacks;
import com.stockpulse.model.EventType;
import com.stockpulse.model.Json;
import com.stockpulse.model.SaleEvent;
import com.stockpulse.model.StockLevel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad-input corpus ({@code src/test/resources/bad-input/corpus.json}) against every entry point of the running
 * stack: WebSocket upgrades, client frames, the {@code @connections} API, Kinesis records and the ops endpoint. Each
 * case gets its clear answer, and after each one the stack still serves a viewer, nothing already applied moved,
 * and (for records) the shard goes on.
 */
class BadInputCorpusE2ET {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Sold by the cases; the canary is never touched, so it must never move. */
    private static final String SKU = "corpus-sku";
    private static final String CANARY = "corpus-canary";
    private static final String MARKER = "corpus-marker";

    @TempDir
    static Path dataDir;

    private static LocalRuntime runtime;
    private static long markers;

    @BeforeAll
    static void start() throws Exception {
        runtime = LocalRuntime.start(TestStacks.settings(dataDir));
        put(json(event(EventType.SET, SKU, 1_000)));
        put(json(event(EventType.SET, CANARY, 77)));
        Eventually.await("the corpus SKUs are stocked", WAIT, () -> stock(SKU) == 1_000 && stock(CANARY) == 77);
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    static Stream<Arguments> corpus() throws IOException {
        try (InputStream in = BadInputCorpusE2ET.class.getResourceAsStream("/bad-input/corpus.json")) {
            List<Arguments> cases = new ArrayList<>();
            for (Iterator<JsonNode> it = Json.mapper().readTree(in).elements(); it.hasNext(); ) {
                JsonNode c = it.next();
                cases.add(Arguments.of(c.path("entry").asText() + ": " + c.path("name").asText(), c));
            }
            return cases.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachBadInput_getsAClearAnswer_andTheStackKeepsServingOthers(String name, JsonNode c) throws Exception {
        switch (c.path("entry").asText()) {
            case "connect" -> connect(name, c);
            case "frame" -> frame(name, c);
            case "management" -> management(name, c);
            case "kinesis" -> kinesis(name, c);
            case "ops" -> ops(name, c);
            default -> throw new AssertionError("unknown entry in the corpus: " + c);
        }
        stillServing(name);
    }

    /** The same stock as before every case, a viewer answered, and the sale stream moving. */
    private static void stillServing(String name) throws Exception {
        assertThat(stock(CANARY)).as(name + ": the canary's stock").isEqualTo(77);
        try (TestSocket viewer = TestSocket.open(page(CANARY))) {
            viewer.send("{\"action\":\"sync\",\"page\":\"/products/" + CANARY + "\"}");
            // The canary's own broadcast may still reach a socket this new: the answer is the snapshot.
            String answer = viewer.next(WAIT);
            while (answer != null && answer.contains("\"type\":\"stock\"")) {
                answer = viewer.next(WAIT);
            }
            assertThat(answer).as(name + ": a viewer's sync").contains("\"snapshot\"").contains("\"available\":77");
        }
        long marker = ++markers;
        put(json(event(EventType.SET, MARKER, marker)));
        Eventually.await(name + ": the shard goes on (marker " + marker + ")", WAIT, () -> stock(MARKER) == marker);
    }

    private static void connect(String name, JsonNode c) throws IOException {
        String query = text(c, "query");
        String origin = c.has("origin") ? c.path("origin").asText().replace("{web}", "http://127.0.0.1:" + runtime.webUrl().getPort()) : null;
        int status = RawWebSocket.handshakeStatus(runtime.webSocketUrl().getPort(), "/" + (query.isEmpty() ? "" : "?" + query), origin);
        assertThat(ints(c.path("status"))).as(name).contains(status);
    }

    private static void frame(String name, JsonNode c) throws Exception {
        if (c.has("binary")) {
            try (RawWebSocket socket = new RawWebSocket(page(SKU))) {
                socket.sendBinaryFrame(c.path("binary").asText().getBytes(StandardCharsets.UTF_8));
                assertThat(socket.awaitCloseCode()).as(name).isEqualTo(c.path("close").asInt());
            }
            return;
        }
        try (TestSocket socket = TestSocket.open(page(SKU))) {
            if (c.has("burst")) {
                burst(name, socket, c.path("burst").asInt());
                return;
            }
            String message = c.has("nested") ? "[".repeat(c.path("nested").asInt()) + "]".repeat(c.path("nested").asInt())
                    : text(c, "text");
            try {
                socket.sendInFrames(message, 16 * 1024);
            } catch (java.util.concurrent.CompletionException e) {
                // The server may close on the frame that crosses its limit, before the client wrote the rest.
                assertThat(c.has("close")).as(name + ": the send failed: " + e.getCause()).isTrue();
            }
            if (c.has("close")) {
                assertThat(socket.awaitClose(WAIT)).as(name).isEqualTo(c.path("close").asInt());
                return;
            }
            JsonNode answer = Json.mapper().readTree(socket.next(WAIT));
            assertThat(answer.path("type").asText()).as(name + ": " + answer).isEqualTo("error");
            assertThat(answer.path("code").asText()).as(name + ": " + answer).isEqualTo(c.path("error").asText());
            assertThat(answer.path("message").asText()).as(name).isNotBlank().doesNotContain("Exception");
        }
    }

    /**
     * A burst past the socket's message limit: at most the first 20 syncs (a few more as tokens come back) are
     * answered, an error says to slow down, and a socket that keeps going is closed by the server.
     */
    private static void burst(String name, TestSocket socket, int count) throws Exception {
        int sent = 0;
        try {
            for (; sent < count; sent++) {
                socket.send("{\"action\":\"sync\",\"page\":\"/products/" + SKU + "\"}");
            }
        } catch (java.util.concurrent.CompletionException e) {
            // Closed by the server part-way through the burst: what this case expects.
        }
        int snapshots = 0;
        int refused = 0;
        for (String frame = socket.next(WAIT); frame != null; frame = socket.next(Duration.ofSeconds(2))) {
            if (frame.contains("\"snapshot\"")) {
                snapshots++;
            } else if (frame.contains("RATE_LIMITED")) {
                refused++;
            } else {
                throw new AssertionError(name + ": unexpected " + frame);
            }
        }
        assertThat(sent).as(name + ": syncs sent before the close").isGreaterThan(20 + MessageRateLimiter.CLOSE_AFTER);
        // The refusals need no read, so the close can overtake the allowed syncs' answers: at most, not exactly.
        assertThat(snapshots).as(name + ": snapshots").isLessThanOrEqualTo(30);
        assertThat(refused).as(name + ": errors").isLessThanOrEqualTo(5);
        assertThat(socket.awaitClose(WAIT)).as(name + ": closed by the server").isEqualTo(1000);
    }

    private static void management(String name, JsonNode c) throws Exception {
        try (TestSocket live = TestSocket.open(page(SKU))) {
            String path = text(c, "path");
            if (path.contains("{live}")) {
                path = path.replace("{live}", liveConnectionId());
            }
            byte[] body = new byte[c.path("bodyBytes").asInt()];
            java.util.Arrays.fill(body, (byte) 'x');
            URI uri = URI.create(runtime.managementEndpoint() + path);
            HttpRequest.Builder request = switch (c.path("signature").asText("valid")) {
                case "valid" -> SigV4.signed(text(c, "method"), uri, body);
                case "none" -> HttpRequest.newBuilder(uri).method(text(c, "method"), HttpRequest.BodyPublishers.ofByteArray(body));
                default -> HttpRequest.newBuilder(uri).method(text(c, "method"), HttpRequest.BodyPublishers.ofByteArray(body))
                        .header("Authorization", c.path("signature").asText())
                        .header("X-Amz-Date", c.path("amzDate").asText("20261123T000000Z"));
            };
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(name + ": " + response.body()).isEqualTo(c.path("status").asInt());
        }
    }

    private static String liveConnectionId() throws InterruptedException {
        Set<String> ids = new HashSet<>();
        Eventually.await("a live connection", WAIT, () -> {
            ids.addAll(runtime.webSocketApi().openConnectionIds());
            return !ids.isEmpty();
        });
        return ids.iterator().next();
    }

    private static void kinesis(String name, JsonNode c) throws Exception {
        String id = "corpus-" + UUID.randomUUID();
        String data = c.has("data") ? c.path("data").asText()
                : Json.toString(c.path("event")).replace("{id}", id).replace("{sku}", SKU);
        if (c.path("event").isObject() && !c.path("event").has("occurredAt")) {
            JsonNode event = Json.mapper().readTree(data);
            ((com.fasterxml.jackson.databind.node.ObjectNode) event).put("occurredAt", Instant.now().toString())
                    .put("source", "corpus");
            data = Json.toString(event);
        }
        long before = stock(SKU);
        List<PutRecordResponse> puts = new ArrayList<>();
        for (int i = 0; i < c.path("times").asInt(1); i++) {
            puts.add(put(data));
        }
        String outcome = c.path("outcome").asText();
        String key = outcome.equals("MALFORMED")
                ? StockStore.malformedRecordId(puts.getFirst().shardId() + ":" + puts.getFirst().sequenceNumber()) : id;
        StockStore store = runtime.wiring().stockStore();
        Eventually.await(name + ": its outcome is recorded", WAIT, () -> store.outcomeOf(key).isPresent());
        ApplyResult result = store.outcomeOf(key).orElseThrow();
        if (outcome.equals("APPLIED")) {
            assertThat(result).as(name).isInstanceOf(ApplyResult.Applied.class);
        } else {
            assertThat(result).as(name).isInstanceOfSatisfying(ApplyResult.Rejected.class,
                    rejected -> assertThat(rejected.reason().name()).isEqualTo(outcome));
        }
        stillServing(name);   // the marker comes after every copy on the one shard: all of them are decided
        assertThat(stock(SKU) - before).as(name + ": stock change").isEqualTo(c.path("stockChange").asLong(0));
    }

    private static void ops(String name, JsonNode c) throws Exception {
        int port = runtime.webUrl().getPort();
        String host = c.has("host") ? text(c, "host") + ":" + port : "127.0.0.1:" + port;
        long bodyBytes = c.has("bodyBytes") ? c.path("bodyBytes").asLong() : -1;
        byte[] body = bodyBytes >= 0 ? new byte[0] : text(c, "body").replace("{sku}", SKU).getBytes(StandardCharsets.UTF_8);
        long length = bodyBytes >= 0 ? bodyBytes : body.length;
        long before = stock(SKU);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /ops/api/events HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n"
                    + "Content-Type: " + text(c, "contentType") + "\r\n"
                    + (c.has("origin") ? "Origin: " + text(c, "origin") + "\r\n" : "")
                    + "Content-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    if (bodyBytes >= 0) {
                        byte[] chunk = new byte[64 * 1024];
                        for (long sent = 0; sent < bodyBytes; sent += chunk.length) {
                            out.write(chunk, 0, (int) Math.min(chunk.length, bodyBytes - sent));
                        }
                    } else {
                        out.write(body);
                    }
                    out.flush();
                } catch (IOException refused) {
                    // The server answered and closed before taking all of a huge body: that is the point.
                }
            });
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            writer.join(10_000);
            assertThat(Integer.parseInt(answer.substring(9, 12))).as(name + ": " + answer).isEqualTo(c.path("status").asInt());
            if (c.has("accepted")) {
                assertThat(answer).as(name).contains("\"accepted\":" + c.path("accepted").asBoolean());
            }
        }
        Thread.sleep(300);
        assertThat(stock(SKU)).as(name + ": nothing was sold").isEqualTo(before);
    }

    private static SaleEvent event(EventType type, String sku, long quantity) {
        return new SaleEvent("corpus-" + UUID.randomUUID(), type, sku, quantity, Instant.now(), "corpus");
    }

    private static PutRecordResponse put(String data) {
        return runtime.kinesis().putRecord(r -> r.streamName(runtime.settings().streamName()).partitionKey("corpus")
                .data(SdkBytes.fromUtf8String(data)));
    }

    private static long stock(String sku) {
        return runtime.wiring().stockStore().get(sku).map(StockLevel::available).orElse(-1L);
    }

    private static URI page(String sku) {
        return URI.create(runtime.webSocketUrl() + "?page=/products/" + sku);
    }

    /** A string field, with {@code repeat} (text times count) and {@code suffix} appended when given. */
    private static String text(JsonNode c, String field) {
        StringBuilder text = new StringBuilder(c.path(field).asText());
        if (c.has("repeat") && (field.equals("query") || field.equals("text"))) {
            text.append(c.path("repeat").path("text").asText().repeat(c.path("repeat").path("count").asInt()));
            text.append(c.path("suffix").asText(""));
        }
        return text.toString();
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asInt()));
        return values;
    }

    private static String json(SaleEvent event) {
        return new String(event.toJsonBytes(), StandardCharsets.UTF_8);
    }
}
