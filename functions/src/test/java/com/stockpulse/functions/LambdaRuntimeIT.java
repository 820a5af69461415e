package com.stockpulse.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.stockpulse.functions.config.FunctionsConfig;
import com.stockpulse.functions.config.Wiring;
import com.stockpulse.functions.messaging.InMemoryConnectionMessenger;
import com.stockpulse.functions.store.Connection;
import com.stockpulse.functions.testing.Fixtures;
import com.stockpulse.functions.testing.LambdaContainer;
import com.stockpulse.functions.testing.LambdaFunctions;
import com.stockpulse.functions.testing.LocalDynamoDb;
import com.stockpulse.functions.testing.ManagementApiStub;
import com.stockpulse.functions.testing.RecordingDynamoDbProxy;
import com.stockpulse.functions.testing.RuntimeApi;
import com.stockpulse.model.EventType;
import com.stockpulse.model.FunctionAccess;
import com.stockpulse.model.Json;
import com.stockpulse.model.MetricName;
import com.stockpulse.model.PageKey;
import com.stockpulse.model.SaleEvent;
import com.stockpulse.model.StockLevel;
import com.stockpulse.model.TableSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The shaded Lambda jar, run the way Lambda runs it: under AWS's runtime interface client, from the task root's
 * {@code lib/}, each function built through its no-argument constructor from the environment the stack sets, fed
 * the event JSON AWS documents ({@code src/test/resources/events}) through a Runtime API, with DynamoDB Local and a
 * {@code @connections} endpoint behind it. It checks what only the real runtime shows: that its serializer reads
 * our events and writes our answers in the shape Lambda reads, that SnapStart's hooks (ours and the libraries')
 * run and the restore completes, that the logs are JSON with the request's fields, and that every DynamoDB call the
 * jar makes, priming included, is one {@link FunctionAccess} grants.
 */
class LambdaRuntimeIT {

    private static final String VIEWER = "L0SM9cOFvHcCIhw=";
    private static final String ORIGIN = LambdaFunctions.ALLOWED_ORIGIN;
    private static final Duration ANSWER_WAIT = Duration.ofSeconds(60);

    private static Path jar;
    private static ManagementApiStub managementApi;

    private FunctionsConfig config;
    private Wiring rows;
    private final List<AutoCloseable> opened = new ArrayList<>();

    /** One started environment: its Runtime API, its recorded DynamoDB calls and the process. */
    private record Environment(FunctionAccess function, RuntimeApi runtimeApi, RecordingDynamoDbProxy dynamoDb,
                               LambdaContainer container) {

        JsonNode invoke(byte[] event) {
            RuntimeApi.Answer answer = answer(event);
            assertThat(answer.failed()).as("%s answered an error: %s%nits output:%n%s", function, answer.body(),
                    String.join("\n", container.output())).isFalse();
            try {
                return Json.mapper().readTree(answer.body());
            } catch (IOException e) {
                throw new AssertionError(function + " answered something that is not JSON: " + answer.body(), e);
            }
        }

        /** The runtime's answer; fails at once when the environment dies first (a failed init or snapshot). */
        RuntimeApi.Answer answer(byte[] event) {
            return container.await(runtimeApi.invoke(LambdaFunctions.arn(function), event), ANSWER_WAIT)
                    .orElseThrow(() -> new AssertionError(function + (container.isAlive()
                            ? " gave no answer within " + ANSWER_WAIT : " stopped without answering") + diagnosis()));
        }

        /** When the runtime first asked for an event (its init, hooks and restore done); fails if it died first. */
        long awaitFirstNext() {
            return container.await(runtimeApi.firstNext(), ANSWER_WAIT)
                    .orElseThrow(() -> new AssertionError(function + " never asked for an event" + diagnosis()));
        }

        private String diagnosis() {
            return "; Runtime API calls: " + runtimeApi.calls() + "; its output:\n"
                    + String.join("\n", container.output());
        }

        /** The request id of the invocation answered last. */
        String lastRequestId() {
            String last = runtimeApi.calls().getLast();
            return last.substring(last.indexOf(' ') + 1);
        }

        /** The log lines the function wrote as JSON documents (the runtime's own lines are plain text). */
        List<JsonNode> jsonLines() {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : container.output()) {
                if (line.startsWith("{")) {
                    try {
                        lines.add(Json.mapper().readTree(line));
                    } catch (IOException e) {
                        throw new AssertionError("a log line that starts as JSON is not: " + line, e);
                    }
                }
            }
            return lines;
        }
    }

    @BeforeAll
    static void theJar() {
        jar = Path.of(System.getProperty("stockpulse.lambdaJar"));
        assertThat(jar).as("the shaded jar, built in the package phase").exists();
        managementApi = new ManagementApiStub();
    }

    @AfterAll
    static void stopManagementApi() {
        managementApi.close();
    }

    @BeforeEach
    void freshTables() {
        config = LocalDynamoDb.freshTables();
        rows = Wiring.create(config, LocalDynamoDb.client(), InMemoryConnectionMessenger.create());
    }

    /** Closes every part started, each even when another fails to close. */
    @AfterEach
    void stopEnvironments() {
        AssertionError failed = null;
        for (AutoCloseable closeable : opened.reversed()) {
            try {
                closeable.close();
            } catch (Exception e) {
                if (failed == null) {
                    failed = new AssertionError("a part of the test did not close", e);
                } else {
                    failed.addSuppressed(e);
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    private Environment start(FunctionAccess function, boolean snapStart) {
        return start(function, snapStart, LocalDynamoDb.endpoint());
    }

    /** {@code dynamoDbTarget}: where the environment's DynamoDB calls go, through a proxy that records them. */
    private Environment start(FunctionAccess function, boolean snapStart, URI dynamoDbTarget) {
        RuntimeApi runtimeApi = new RuntimeApi();
        opened.add(runtimeApi);
        RecordingDynamoDbProxy dynamoDb = new RecordingDynamoDbProxy(dynamoDbTarget);
        opened.add(dynamoDb);
        LambdaContainer container = LambdaContainer.start(jar, LambdaFunctions.handler(function),
                LambdaFunctions.environment(function, config, dynamoDb.endpoint(), managementApi.endpoint()),
                runtimeApi, snapStart);
        opened.add(container);
        return new Environment(function, runtimeApi, dynamoDb, container);
    }

    private static byte[] connectEvent(Map<String, String> extraHeaders, String page) {
        try {
            ObjectNode event = (ObjectNode) Json.mapper().readTree(Fixtures.json("ws-connect.json"));
            extraHeaders.forEach(((ObjectNode) event.get("headers"))::put);
            ((ObjectNode) event.get("queryStringParameters")).put("page", page);
            return Json.mapper().writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void aViewerOn(String sku) {
        Instant now = Instant.now();
        rows.connectionStore().add(new Connection(VIEWER, PageKey.product(sku), now, now.plusSeconds(600)));
        managementApi.open(VIEWER);
    }

    /** Every DynamoDB call the environment made is one its function is granted, on a table it is granted it on. */
    private void assertCallsAreGranted(Environment environment) {
        Map<TableSchema, Set<String>> called = new TreeMap<>();
        for (RecordingDynamoDbProxy.Call call : environment.dynamoDb().calls()) {
            TableSchema table = Arrays.stream(TableSchema.values())
                    .filter(t -> config.tableName(t).equals(call.table())).findFirst()
                    .orElseThrow(() -> new AssertionError("a call on a table that is not ours: " + call));
            called.computeIfAbsent(table, t -> new TreeSet<>()).add(call.action());
        }
        called.forEach((table, actions) -> assertThat(environment.function().dynamoDbActions().getOrDefault(table, Set.of()))
                .as("%s: what it may call on %s", environment.function(), table).containsAll(actions));
    }

    @Test
    void connectHandler_whenAForeignOriginAScriptAndAMalformedPage_answers403_200_400_andLogsJsonPerRequest() {
        Environment connect = start(FunctionAccess.CONNECT, false);

        JsonNode foreign = connect.invoke(connectEvent(Map.of("Origin", "https://evil.example"), "/products/sku-123"));
        String foreignRequest = connect.lastRequestId();
        JsonNode admitted = connect.invoke(Fixtures.json("ws-connect.json"));
        JsonNode malformed = connect.invoke(connectEvent(Map.of("Origin", ORIGIN), "/products/../etc"));
        String malformedRequest = connect.lastRequestId();

        assertThat(foreign.path("statusCode").asInt()).isEqualTo(403);
        assertThat(admitted.path("statusCode").asInt()).isEqualTo(200);
        assertThat(malformed.path("statusCode").asInt()).isEqualTo(400);
        assertThat(rows.connectionStore().pagesOf(VIEWER)).containsExactly(PageKey.product("sku-123"));
        List<JsonNode> lines = connect.jsonLines();
        List<JsonNode> refusals = lines.stream()
                .filter(line -> line.path("message").asText().startsWith("refused connection")).toList();
        assertThat(refusals).as("the refusals logged, in %s", connect.container().output()).hasSize(2);
        for (JsonNode refusal : refusals) {
            assertThat(refusal.path("level").asText()).isEqualTo("INFO");
            assertThat(refusal.path("function_name").asText()).isEqualTo("Connect");
            assertThat(refusal.path("service").asText()).isEqualTo("Connect");
            assertThat(refusal.path("connection_id").asText()).isEqualTo(VIEWER);
            assertThat(refusal.path("timestamp").asText()).isNotEmpty();
        }
        assertThat(refusals.get(0).path("message").asText()).contains("evil.example");
        assertThat(refusals.get(0).path("function_request_id").asText()).isEqualTo(foreignRequest);
        assertThat(refusals.get(0).path("cold_start").asBoolean()).as("the first invocation").isTrue();
        assertThat(refusals.get(1).path("function_request_id").asText()).isEqualTo(malformedRequest);
        assertThat(refusals.get(1).path("cold_start").asBoolean()).as("the third invocation").isFalse();
        List<JsonNode> emf = lines.stream().filter(line -> line.has("_aws")).toList();
        assertThat(emf).as("one EMF document per invocation").hasSize(3);
        for (JsonNode document : emf) {
            assertThat(document.path("_aws").path("CloudWatchMetrics").get(0).path("Namespace").asText())
                    .isEqualTo(MetricName.NAMESPACE);
        }
        assertThat(emf.get(0).path(MetricName.CONNECTS_REFUSED_ORIGIN.metricName()).asDouble()).isEqualTo(1);
        assertCallsAreGranted(connect);
    }

    @Test
    void disconnectHandler_whenTheSocketCloses_removesItsRows() {
        aViewerOn("sku-123");
        Environment disconnect = start(FunctionAccess.DISCONNECT, false);

        JsonNode answer = disconnect.invoke(Fixtures.json("ws-disconnect.json"));

        assertThat(answer.path("statusCode").asInt()).isEqualTo(200);
        assertThat(rows.connectionStore().pagesOf(VIEWER)).isEmpty();
        assertCallsAreGranted(disconnect);
    }

    @Test
    void messageHandler_whenASync_postsASnapshotToTheSender() {
        rows.stockApplier().apply(new SaleEvent("set-1", EventType.SET, "sku-123", 5, Instant.now(), "test"));
        aViewerOn("sku-123");
        Environment message = start(FunctionAccess.MESSAGE, false);

        JsonNode answer = message.invoke(Fixtures.json("ws-message-sync.json"));

        assertThat(answer.path("statusCode").asInt()).isEqualTo(200);
        assertThat(managementApi.messagesTo(VIEWER)).anySatisfy(posted -> assertThat(posted)
                .contains("\"type\":\"snapshot\"").contains("sku-123"));
        assertCallsAreGranted(message);
    }

    @Test
    void saleEventConsumer_whenABatchComesTwice_appliesItOnce_keepsTheMalformedRecord_andReportsNoFailure() {
        Environment consumer = start(FunctionAccess.SALE_EVENT_CONSUMER, false);

        JsonNode first = consumer.invoke(Fixtures.json("kinesis-sales.json"));
        StockLevel afterFirst = rows.stockStore().get("sku-123").orElseThrow();
        JsonNode again = consumer.invoke(Fixtures.json("kinesis-sales.json"));

        for (JsonNode answer : List.of(first, again)) {
            assertThat(answer.has("batchItemFailures")).as("the partial batch response: %s", answer).isTrue();
            assertThat(answer.get("batchItemFailures")).as("failures in %s", answer).isEmpty();
        }
        // SET 10, SALE 3, (not JSON), SALE 2, (REFUND), RESTOCK 20, SALE 100 refused: 25, written once.
        assertThat(afterFirst.available()).isEqualTo(25);
        assertThat(rows.stockStore().get("sku-123")).contains(afterFirst);
        assertThat(rows.stockStore().outcomeOf(
                "malformed:shardId-000000000000:49590034609257389318745165730000003")).isPresent();
        assertCallsAreGranted(consumer);
    }

    @Test
    void saleEventConsumer_whenDynamoDbCannotBeReached_reportsThePartialBatchFailureAtTheFirstRecord()
            throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Environment consumer = start(FunctionAccess.SALE_EVENT_CONSUMER, false,
                URI.create("http://127.0.0.1:" + closedPort));

        JsonNode answer = consumer.invoke(Fixtures.json("kinesis-sales.json"));

        assertThat(answer.path("batchItemFailures")).as("the partial batch response: %s", answer).hasSize(1);
        assertThat(answer.path("batchItemFailures").get(0).path("itemIdentifier").asText())
                .isEqualTo("49590034609257389318745165730000001");
    }

    @Test
    void stockFanOutHandler_whenAStreamRecord_postsItsNewImageToTheViewer_andReportsNoFailure() {
        aViewerOn("sku-123");
        Environment fanOut = start(FunctionAccess.STOCK_FAN_OUT, false);

        JsonNode answer = fanOut.invoke(Fixtures.json("dynamodb-stock-changes.json"));

        assertThat(answer.has("batchItemFailures")).as("the partial batch response: %s", answer).isTrue();
        assertThat(answer.get("batchItemFailures")).as("failures in %s", answer).isEmpty();
        assertThat(managementApi.messagesTo(VIEWER)).anySatisfy(posted -> assertThat(posted)
                .contains("\"type\":\"stock\"").contains("\"sku\":\"sku-123\""));
        assertCallsAreGranted(fanOut);
    }

    @ParameterizedTest
    @EnumSource(FunctionAccess.class)
    void everyFunction_whenInitializedForSnapStart_runsEveryHook_primesWithGrantedCallsOnly_andServesAfterTheRestore(
            FunctionAccess function) {
        aViewerOn("sku-123");
        int requestsBefore = managementApi.requests();
        Environment environment = start(function, true);
        long restoredAt = environment.awaitFirstNext();
        int primingRequests = managementApi.requests() - requestsBefore;

        JsonNode answer = environment.invoke(LambdaFunctions.sampleEvent(function));

        List<String> calls = environment.runtimeApi().calls();
        assertThat(calls).as("the runtime's calls; its output:%n%s", String.join("\n", environment.container().output()))
                .doesNotContain("init/error").noneMatch(call -> call.startsWith("restore/error"));
        assertThat(calls.getFirst()).as("every before-checkpoint hook ran, then the snapshot was asked for")
                .isEqualTo("restore/next");
        assertThat(environment.container().output()).as("our after-restore hook ran")
                .anyMatch(line -> line.contains("restored from a SnapStart snapshot"));
        List<RecordingDynamoDbProxy.Call> priming = environment.dynamoDb().calls().stream()
                .filter(call -> call.nanoTime() < restoredAt).toList();
        assertThat(priming).as("the priming's DynamoDB calls")
                .extracting(call -> call.action() + " " + call.table())
                .contains("DescribeTable " + config.tableName(function.primedTable()));
        assertThat(primingRequests).as("the priming's calls to @connections")
                .isEqualTo(function.managesConnections() ? 1 : 0);
        assertThat(answer.has("statusCode") || answer.has("batchItemFailures"))
                .as("an answer in the shape Lambda reads: %s", answer).isTrue();
        assertThat(answer.path("statusCode").asInt(200)).isEqualTo(200);
        assertThat(answer.path("batchItemFailures")).isEmpty();
        assertCallsAreGranted(environment);
    }
}
