package com.stockpulse.functions.config;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.stockpulse.functions.handler.ConnectHandler;
import com.stockpulse.functions.handler.DisconnectHandler;
import com.stockpulse.functions.handler.MessageHandler;
import com.stockpulse.functions.handler.SaleEventConsumer;
import com.stockpulse.functions.handler.StockFanOutHandler;
import com.stockpulse.functions.messaging.InMemoryConnectionMessenger;
import com.stockpulse.functions.store.Connection;
import com.stockpulse.functions.testing.Fixtures;
import com.stockpulse.functions.testing.Invoke;
import com.stockpulse.functions.testing.Kinesis;
import com.stockpulse.functions.testing.LocalDynamoDb;
import com.stockpulse.functions.viewer.MessageRateLimiter;
import com.stockpulse.model.EventType;
import com.stockpulse.model.FunctionAccess;
import com.stockpulse.model.FunctionSetting;
import com.stockpulse.model.PageKey;
import com.stockpulse.model.SaleEvent;
import com.stockpulse.model.TableSchema;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each function's code, run through every path it has against DynamoDB Local, calls exactly the DynamoDB actions
 * {@link FunctionAccess} declares for it (as IAM names them: a transaction's items count as their own actions), on
 * the tables declared, and calls @connections (post, delete) only if it is declared to; the stack grants the same list (StockPulseStackTest). So a new call without a grant, or a
 * grant no code uses, fails here before it reaches AWS. SnapStart priming is one of the paths.
 */
class FunctionAccessIT {

    private static final Instant NOW = Instant.now();

    private FunctionsConfig config;
    private final Map<FunctionAccess, CallRecorder> recorders = new TreeMap<>();
    private final Map<FunctionAccess, InMemoryConnectionMessenger> messengers = new TreeMap<>();

    @BeforeEach
    void freshTables() {
        config = LocalDynamoDb.freshTables().withVariable(FunctionSetting.ALLOWED_ORIGINS.variable(), "*");
    }

    /** What one function's client called: table -> IAM actions. */
    private final class CallRecorder implements ExecutionInterceptor {
        final Map<TableSchema, Set<String>> calls = new ConcurrentSkipListMap<>();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            SdkRequest request = context.request();
            switch (request) {
                case QueryRequest r -> add(r.tableName(), "Query");
                case GetItemRequest r -> add(r.tableName(), "GetItem");
                case PutItemRequest r -> add(r.tableName(), "PutItem");
                case UpdateItemRequest r -> add(r.tableName(), "UpdateItem");
                case DeleteItemRequest r -> add(r.tableName(), "DeleteItem");
                case DescribeTableRequest r -> add(r.tableName(), "DescribeTable");
                case BatchGetItemRequest r -> r.requestItems().keySet().forEach(table -> add(table, "BatchGetItem"));
                case BatchWriteItemRequest r -> r.requestItems().keySet().forEach(table -> add(table, "BatchWriteItem"));
                case TransactWriteItemsRequest r -> r.transactItems().forEach(this::add);
                default -> throw new AssertionError("a call this test does not know how to grant: " + request);
            }
        }

        private void add(TransactWriteItem item) {
            if (item.put() != null) {
                add(item.put().tableName(), "PutItem");
            }
            if (item.update() != null) {
                add(item.update().tableName(), "UpdateItem");
            }
            if (item.delete() != null) {
                add(item.delete().tableName(), "DeleteItem");
            }
            if (item.conditionCheck() != null) {
                add(item.conditionCheck().tableName(), "ConditionCheckItem");
            }
        }

        private void add(String tableName, String action) {
            TableSchema table = Arrays.stream(TableSchema.values())
                    .filter(t -> config.tableName(t).equals(tableName)).findFirst()
                    .orElseThrow(() -> new AssertionError("a call on a table that is not ours: " + tableName));
            calls.computeIfAbsent(table, t -> ConcurrentHashMap.newKeySet()).add(action);
        }
    }

    /** The wiring one function gets, its DynamoDB calls recorded; its SnapStart priming runs first. */
    private Wiring wiringOf(FunctionAccess function, InMemoryConnectionMessenger messenger) {
        CallRecorder recorder = new CallRecorder();
        recorders.put(function, recorder);
        messengers.put(function, messenger);
        Wiring wiring = Wiring.create(config, LocalDynamoDb.clientWith(recorder), messenger);
        SnapStartPriming.prime(wiring, function);
        return wiring;
    }

    /** For the rows a path needs, written through a client that records nothing. */
    private Wiring setup() {
        return Wiring.create(config, LocalDynamoDb.client(), InMemoryConnectionMessenger.create());
    }

    private void assertCallsAreExactlyTheDeclared(FunctionAccess function) {
        Map<TableSchema, Set<String>> called = new TreeMap<>();
        recorders.get(function).calls.forEach((table, actions) -> called.put(table, new TreeSet<>(actions)));
        Map<TableSchema, Set<String>> declared = new TreeMap<>();
        function.dynamoDbActions().forEach((table, actions) -> declared.put(table, new TreeSet<>(actions)));
        assertThat(called).as(function + ": the calls its code makes").isEqualTo(declared);
        assertThat(messengers.get(function).calls() > 0).as(function + ": posts to or closes sockets")
                .isEqualTo(function.managesConnections());
    }

    private static APIGatewayV2WebSocketEvent message(String connectionId, String body) {
        APIGatewayV2WebSocketEvent event = Fixtures.webSocket("ws-message-sync.json");
        event.getRequestContext().setConnectionId(connectionId);
        event.setBody(body);
        return event;
    }

    private static String sale(String eventId, EventType type, String sku, long quantity) {
        return new String(new SaleEvent(eventId, type, sku, quantity, NOW, "test").toJsonBytes(), StandardCharsets.UTF_8);
    }

    /** Connected a minute ago: well past its $connect, so a 410 means gone. */
    private static Connection viewer(String connectionId, PageKey page) {
        return new Connection(connectionId, page, NOW.minusSeconds(60), NOW.plusSeconds(600));
    }

    @Test
    void connect() {
        ConnectHandler handler = new ConnectHandler(wiringOf(FunctionAccess.CONNECT, InMemoryConnectionMessenger.create()));

        assertThat(handler.handleRequest(Fixtures.webSocket("ws-connect.json"), null).getStatusCode()).isEqualTo(200);

        assertCallsAreExactlyTheDeclared(FunctionAccess.CONNECT);
    }

    @Test
    void disconnect() {
        setup().connectionStore().add(viewer("L0SM9cOFvHcCIhw=", PageKey.product("sku-123")));
        DisconnectHandler handler = new DisconnectHandler(wiringOf(FunctionAccess.DISCONNECT,
                InMemoryConnectionMessenger.create()));

        handler.handleRequest(Fixtures.webSocket("ws-disconnect.json"), null);

        assertCallsAreExactlyTheDeclared(FunctionAccess.DISCONNECT);
    }

    @Test
    void message_syncsPingsAGoneSocketAndAnAbusiveOne() {
        Wiring rows = setup();
        rows.stockApplier().apply(new SaleEvent("set-1", EventType.SET, "sku-123", 5, NOW, "test"));
        rows.catalogStore().register(PageKey.collection("summer"), "sku-123");
        for (String id : List.of("viewer", "gone", "abuser")) {
            rows.connectionStore().add(viewer(id, PageKey.product("sku-123")));
        }
        InMemoryConnectionMessenger messenger = InMemoryConnectionMessenger.create();
        messenger.markGone("gone");
        MessageHandler handler = new MessageHandler(wiringOf(FunctionAccess.MESSAGE, messenger));

        handler.handleRequest(message("viewer", "{\"action\":\"sync\",\"page\":\"/products/sku-123\"}"), null);
        handler.handleRequest(message("viewer", "{\"action\":\"sync\",\"page\":\"/collections/summer\"}"), null);
        handler.handleRequest(message("viewer", "{\"action\":\"sync\"}"), null);
        handler.handleRequest(message("viewer", "{\"action\":\"ping\"}"), null);
        handler.handleRequest(message("gone", "{\"action\":\"ping\"}"), null);
        for (int i = 0; i < 20 + MessageRateLimiter.CLOSE_AFTER; i++) {
            handler.handleRequest(message("abuser", "{\"action\":\"ping\"}"), null);
        }

        assertThat(messenger.isGone("abuser")).isTrue();
        assertCallsAreExactlyTheDeclared(FunctionAccess.MESSAGE);
    }

    @Test
    void saleEventConsumer_appliesRefusesDeduplicatesAndKeepsMalformedRecords() {
        SaleEventConsumer handler = new SaleEventConsumer(wiringOf(FunctionAccess.SALE_EVENT_CONSUMER,
                InMemoryConnectionMessenger.create()));
        List<String> batch = List.of(
                sale("set-a", EventType.SET, "sku-a", 3),
                sale("sale-1", EventType.SALE, "sku-a", 2),
                sale("sale-1", EventType.SALE, "sku-a", 2),
                sale("sale-2", EventType.SALE, "sku-a", 2),
                sale("sale-3", EventType.SALE, "sku-unknown", 1),
                "{not json");

        Invoke.stream(handler, Kinesis.batch(1, batch));
        Invoke.stream(handler, Kinesis.batch(10, batch));

        assertCallsAreExactlyTheDeclared(FunctionAccess.SALE_EVENT_CONSUMER);
    }

    @Test
    void stockFanOut_rereadsTheRow_dropsAGoneViewer_andKeepsTheProgressOfWhatItCouldNotReach() {
        Wiring rows = setup();
        rows.stockApplier().apply(new SaleEvent("set-1", EventType.SET, "sku-123", 5, NOW, "test"));
        rows.catalogStore().register(PageKey.collection("summer"), "sku-123");
        for (int i = 0; i < 300; i++) {
            rows.connectionStore().add(viewer("v" + i, PageKey.product("sku-123")));
        }
        // Connected just now (dated ahead, so the test's pace cannot age it): its 410 may mean "still opening".
        rows.connectionStore().add(new Connection("arriving", PageKey.product("sku-123"), Instant.now().plusSeconds(5),
                NOW.plusSeconds(600)));
        InMemoryConnectionMessenger messenger = InMemoryConnectionMessenger.slow(Duration.ofMillis(50));
        messenger.markGone("v0");   // first in the ring (connection-id order): reached before the deadline
        messenger.markGone("arriving");
        // 4 workers at 50 ms a post cannot reach 300 viewers in 0.3 s: the rest is kept as the SKU's progress.
        config = config.withVariable(FunctionSetting.FANOUT_DEADLINE.variable(), "PT0.3S").withVariable(FunctionSetting.FANOUT_CONCURRENCY.variable(), "4");
        StockFanOutHandler handler = new StockFanOutHandler(wiringOf(FunctionAccess.STOCK_FAN_OUT, messenger));

        Invoke.stream(handler, Fixtures.json("dynamodb-stock-changes.json"));

        assertCallsAreExactlyTheDeclared(FunctionAccess.STOCK_FAN_OUT);
    }
}
