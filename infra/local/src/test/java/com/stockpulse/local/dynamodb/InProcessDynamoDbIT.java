package com.stockpulse.local.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.stockpulse.functions.config.FunctionsConfig;
import com.stockpulse.functions.store.dynamodb.TableDefinitions;
import com.stockpulse.local.runtime.StartupFailedException;
import com.stockpulse.model.TableSchema;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * {@link DynamoDbLocal}'s in-process clients against the SDK's HTTP clients on the same database: the same results,
 * the same exceptions (what the stores in {@code functions} catch), and one database for every access key and
 * region. Also the canary for upgrades of DynamoDB Local, whose internals {@link LocalAdapters},
 * {@link InProcessClient} and {@link SharedDbRequestHandler} lean on: a cast, a protected field or a fix that stops
 * working fails here (or in compilation), not in the runtime.
 */
class InProcessDynamoDbIT {

    private static final AtomicInteger TABLES = new AtomicInteger();
    /** Responses compared by their fields (their equals also compares the HTTP response, which in-process has none). */
    private static final Comparator<SdkPojo> SAME_FIELDS = (a, b) -> a.equalsBySdkFields(b) ? 0 : 1;
    private static DynamoDbLocal local;
    private static DynamoDbClient client;
    private static DynamoDbStreamsClient streams;
    /** The runtime's former path: SDK over HTTP with the UrlConnection client, its default credentials and region. */
    private static DynamoDbClient http;
    private static DynamoDbStreamsClient httpStreams;

    @BeforeAll
    static void start() {
        local = DynamoDbLocal.start(0);
        client = local.client();
        streams = local.streamsClient();
        http = http("local", "us-east-1");
        httpStreams = DynamoDbStreamsClient.builder().endpointOverride(local.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials("local")).httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void stop() {
        http.close();
        httpStreams.close();
        local.close();
    }

    // --- one database, two ways in ---

    @Test
    void httpEndpoint_isOnLoopback() {
        assertThat(local.endpoint()).isEqualTo(URI.create("http://127.0.0.1:" + local.port()));
        assertThat(local.port()).isPositive();
    }

    @Test
    void httpEndpoint_doesNotListenOnOtherAddresses() throws IOException {
        Optional<InetAddress> external = NetworkInterface.networkInterfaces()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                .findFirst();
        org.junit.jupiter.api.Assumptions.assumeTrue(external.isPresent(), "no non-loopback IPv4 address here");
        try (Socket socket = new Socket()) {
            assertThatThrownBy(() -> socket.connect(new InetSocketAddress(external.get(), local.port()), 1_000))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void aTakenPort_isAStartupFailure() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> DynamoDbLocal.start(taken.getLocalPort()))
                    .isInstanceOf(StartupFailedException.class)
                    .hasMessageContaining("port " + taken.getLocalPort() + " is taken");
        }
    }

    @Test
    void writesInProcess_areSeenOverHttp_withAnyAccessKeyAndRegion_andTheOtherWayRound() {
        String table = keyValueTable();
        client.putItem(r -> r.tableName(table).item(Map.of("pk", s("from-inside"), "v", n(1))));
        DynamoDbClient stranger = http("AKIDSOMEONEELSE", "ap-southeast-2");
        try {
            assertThat(stranger.getItem(r -> r.tableName(table).key(Map.of("pk", s("from-inside")))).item())
                    .containsEntry("v", n(1));
            assertThat(stranger.listTables().tableNames()).contains(table);

            stranger.putItem(r -> r.tableName(table).item(Map.of("pk", s("from-outside"), "v", n(2))));

            assertThat(client.getItem(r -> r.tableName(table).key(Map.of("pk", s("from-outside")))).item())
                    .containsEntry("v", n(2));
            assertThat(http.getItem(r -> r.tableName(table).key(Map.of("pk", s("from-outside")))).item())
                    .containsEntry("v", n(2));
            assertThat(http.scan(r -> r.tableName(table)).count()).isEqualTo(2);
        } finally {
            stranger.close();
        }
    }

    @Test
    void theStacksTables_createdInProcess_areThereOverHttp_withStreamAndTtl() {
        String prefix = "stack" + TABLES.incrementAndGet() + "-";
        FunctionsConfig config = FunctionsConfig.of(Map.of(
                TableSchema.STOCK.variable(), prefix + "stock",
                TableSchema.CONNECTIONS.variable(), prefix + "connections",
                TableSchema.CATALOG.variable(), prefix + "catalog",
                TableSchema.PROCESSED_EVENTS.variable(), prefix + "processed-events"));

        TableDefinitions.createAll(client, config::tableName);

        assertThat(http.listTables().tableNames()).contains(config.stockTable(), config.connectionsTable(),
                config.catalogTable(), config.processedEventsTable());
        assertThat(http.describeTable(r -> r.tableName(config.stockTable())).table().latestStreamArn()).isNotBlank();
        assertThat(http.describeTimeToLive(r -> r.tableName(config.connectionsTable())).timeToLiveDescription()
                .timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
        assertThatThrownBy(() -> client.createTable(TableDefinitions.of(TableSchema.STOCK, config.stockTable())))
                .isInstanceOf(ResourceInUseException.class);
    }

    @Test
    void describeTable_isWhatHttpSays_timestampsIncluded() {
        String table = keyValueTable();

        assertThat(client.describeTable(r -> r.tableName(table)).table())
                .isEqualTo(http.describeTable(r -> r.tableName(table)).table());
        assertThat(client.describeTable(r -> r.tableName(table)).table().creationDateTime())
                .isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
    }

    // --- the stores' operations ---

    @Test
    void conditionalPut_thatFails_isConditionalCheckFailed_withTheOldItemWhenAsked() {
        String table = keyValueTable();
        Map<String, AttributeValue> row = Map.of("pk", s("a"), "v", n(1), "nested",
                AttributeValue.builder().m(Map.of("l", AttributeValue.builder().l(n(1), s("x")).build(),
                        "ss", AttributeValue.builder().ss("p", "q").build(),
                        "b", AttributeValue.builder().bool(true).build())).build());
        client.putItem(r -> r.tableName(table).item(row));

        Consumer<DynamoDbClient> plain = c -> c.putItem(r -> r.tableName(table).item(Map.of("pk", s("a")))
                .conditionExpression("attribute_not_exists(pk)"));
        Consumer<DynamoDbClient> allOld = c -> c.updateItem(r -> r.tableName(table).key(Map.of("pk", s("a")))
                .updateExpression("SET v = :v").conditionExpression("v = :expected")
                .expressionAttributeValues(Map.of(":v", n(2), ":expected", n(7)))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));

        ConditionalCheckFailedException withoutItem = (ConditionalCheckFailedException) failure(plain, client);
        assertThat(withoutItem.hasItem()).isFalse();
        ConditionalCheckFailedException withItem = (ConditionalCheckFailedException) failure(allOld, client);
        assertThat(withItem.item()).isEqualTo(row);
        assertSameFailure(plain);
        assertSameFailure(allOld);
    }

    @Test
    void transactWriteItems_thatFails_isCancelled_withReasonsInItemOrder_andTheOldItemWhenAsked() {
        String table = keyValueTable();
        Map<String, AttributeValue> row = Map.of("pk", s("a"), "v", n(1));
        client.putItem(r -> r.tableName(table).item(row));
        Consumer<DynamoDbClient> transaction = c -> c.transactWriteItems(r -> r.transactItems(
                TransactWriteItem.builder().update(u -> u.tableName(table).key(Map.of("pk", s("a")))
                        .updateExpression("SET v = :v").conditionExpression("v = :read")
                        .expressionAttributeValues(Map.of(":v", n(2), ":read", n(0)))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).build(),
                TransactWriteItem.builder().put(p -> p.tableName(table).item(Map.of("pk", s("b")))
                        .conditionExpression("attribute_not_exists(pk)")).build(),
                TransactWriteItem.builder().conditionCheck(k -> k.tableName(table).key(Map.of("pk", s("a")))
                        .conditionExpression("v = :read").expressionAttributeValues(Map.of(":read", n(5)))).build()));

        TransactionCanceledException cancelled = (TransactionCanceledException) failure(transaction, client);

        assertThat(cancelled.cancellationReasons()).extracting(CancellationReason::code)
                .containsExactly("ConditionalCheckFailed", "None", "ConditionalCheckFailed");
        assertThat(cancelled.cancellationReasons().get(0).item()).isEqualTo(row);
        assertThat(cancelled.cancellationReasons().get(2).hasItem()).isFalse();
        assertThat(client.getItem(r -> r.tableName(table).key(Map.of("pk", s("b")))).hasItem()).isFalse();
        assertSameFailure(transaction);
    }

    @Test
    void transactWriteItems_thatSucceeds_writesEverything() {
        String table = keyValueTable();
        client.transactWriteItems(r -> r.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName(table).item(Map.of("pk", s("a"), "v", n(1)))
                        .conditionExpression("attribute_not_exists(pk)")).build(),
                TransactWriteItem.builder().put(p -> p.tableName(table).item(Map.of("pk", s("b"), "v", n(2)))).build()));

        assertThat(http.scan(r -> r.tableName(table)).items()).hasSize(2);
    }

    @Test
    void batchWriteItem_writesTwentyFiveItems_andRefusesTwentySix() {
        String table = keyValueTable();
        List<WriteRequest> puts = IntStream.range(0, 26).mapToObj(i -> WriteRequest.builder()
                .putRequest(p -> p.item(Map.of("pk", s("k" + i), "v", n(i)))).build()).toList();

        assertThat(client.batchWriteItem(r -> r.requestItems(Map.of(table, puts.subList(0, 25)))).unprocessedItems())
                .isEmpty();
        assertThat(http.scan(r -> r.tableName(table)).count()).isEqualTo(25);
        assertSameFailure(c -> c.batchWriteItem(r -> r.requestItems(Map.of(table, puts))));
    }

    @Test
    void queryPaginator_followsEveryPage_andEqualsHttp() {
        String table = sortedTable();
        for (int start = 0; start < 95; start += 25) {
            int from = start;
            List<WriteRequest> batch = IntStream.range(from, Math.min(from + 25, 95)).mapToObj(i -> WriteRequest.builder()
                    .putRequest(p -> p.item(row(i))).build()).toList();
            client.batchWriteItem(r -> r.requestItems(Map.of(table, batch)));
        }
        Consumer<QueryRequest.Builder> query = r -> r.tableName(table)
                .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", s("page"))).limit(10);

        List<QueryResponse> pages = client.queryPaginator(query).stream().toList();

        assertThat(pages).hasSize(10);
        assertThat(pages.stream().mapToInt(QueryResponse::count).sum()).isEqualTo(95);
        assertThat(pages.get(0).lastEvaluatedKey()).isEqualTo(Map.of("pk", s("page"), "sk", s("009")));
        assertThat(pages.get(3).items().get(5)).isEqualTo(row(35));
        assertThat(pages).usingElementComparator(SAME_FIELDS).isEqualTo(http.queryPaginator(query).stream().toList());
    }

    /** In-process, a Query's result skips DynamoDB Local's JSON round trips unless it asks for consumed capacity. */
    @Test
    void query_inEveryShape_equalsHttp() {
        String table = sortedTable();
        client.batchWriteItem(r -> r.requestItems(Map.of(table, IntStream.range(0, 20).mapToObj(i -> WriteRequest.builder()
                .putRequest(p -> p.item(row(i))).build()).toList())));
        List<Consumer<QueryRequest.Builder>> queries = List.of(
                r -> r.keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", s("page"))),
                r -> r.keyConditionExpression("pk = :pk AND sk BETWEEN :a AND :b").scanIndexForward(false).limit(3)
                        .expressionAttributeValues(Map.of(":pk", s("page"), ":a", s("004"), ":b", s("012"))),
                r -> r.keyConditionExpression("pk = :pk").filterExpression("v > :v").projectionExpression("sk, #b")
                        .expressionAttributeNames(Map.of("#b", "bin"))
                        .expressionAttributeValues(Map.of(":pk", s("page"), ":v", n(15))),
                r -> r.keyConditionExpression("pk = :pk").select(Select.COUNT)
                        .expressionAttributeValues(Map.of(":pk", s("page"))),
                r -> r.keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", s("nobody"))),
                r -> r.keyConditionExpression("pk = :pk").returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                        .expressionAttributeValues(Map.of(":pk", s("page"))),
                r -> r.keyConditionExpression("pk = :pk").exclusiveStartKey(Map.of("pk", s("page"), "sk", s("017")))
                        .expressionAttributeValues(Map.of(":pk", s("page"))));

        for (Consumer<QueryRequest.Builder> query : queries) {
            Consumer<QueryRequest.Builder> onTable = query.andThen(r -> r.tableName(table));
            assertThat(client.query(onTable)).usingComparator(SAME_FIELDS).isEqualTo(http.query(onTable));
        }
    }

    @Test
    void theStream_readInProcess_hasEveryChange_asOverHttp_withRealArrivalTimes() {
        String table = keyValueTable();
        client.putItem(r -> r.tableName(table).item(Map.of("pk", s("a"), "v", n(1))));
        client.updateItem(r -> r.tableName(table).key(Map.of("pk", s("a"))).updateExpression("SET v = :v")
                .conditionExpression("v = :old").expressionAttributeValues(Map.of(":v", n(2), ":old", n(1))));
        client.deleteItem(r -> r.tableName(table).key(Map.of("pk", s("a"))));
        String arn = client.describeTable(r -> r.tableName(table)).table().latestStreamArn();

        List<Record> records = readAll(streams, arn);

        assertThat(records).extracting(Record::eventName)
                .containsExactly(OperationType.INSERT, OperationType.MODIFY, OperationType.REMOVE);
        assertThat(records.get(1).dynamodb().oldImage()).containsEntry("v", n(1));
        assertThat(records.get(1).dynamodb().newImage()).containsEntry("v", n(2));
        // DynamoDB Local's own v2 adapter reads these dates as seconds (the year 58,000); ours must not.
        assertThat(records).allSatisfy(r -> assertThat(r.dynamodb().approximateCreationDateTime())
                .isBetween(Instant.now().minus(Duration.ofMinutes(2)), Instant.now().plusSeconds(1)));
        assertThat(records).isEqualTo(readAll(httpStreams, arn));
        assertThat(streams.describeStream(r -> r.streamArn(arn)).streamDescription())
                .isEqualTo(httpStreams.describeStream(r -> r.streamArn(arn)).streamDescription());
    }

    // --- errors the callers see ---

    @Test
    void otherFailures_areTheExceptionsOfTheHttpClient() {
        String table = keyValueTable();
        client.putItem(r -> r.tableName(table).item(Map.of("pk", s("a"))));

        assertSameFailure(c -> c.createTable(keyValueTableRequest(table)));
        assertSameFailure(c -> c.describeTable(r -> r.tableName("no-such-table")));
        assertSameFailure(c -> c.queryPaginator(r -> r.tableName("no-such-table").keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("a")))).items().forEach(item -> { }));
        assertSameFailure(c -> c.updateItem(r -> r.tableName(table).key(Map.of("pk", s("a"))).updateExpression("SET = :v")));
        assertSameFailure(c -> c.getItem(r -> r.tableName(table).key(Map.of("other", s("a")))));
        assertSameFailure(c -> c.putItem(r -> r.tableName(table).item(Map.of("pk", s("")))));
        assertSameFailure(c -> c.transactWriteItems(r -> r.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName(table).item(Map.of("pk", s("d")))).build(),
                TransactWriteItem.builder().put(p -> p.tableName(table).item(Map.of("pk", s("d")))).build())));
        assertThat(failure(c -> c.describeTable(r -> r.tableName("no-such-table")), client))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(failure(c -> c.updateItem(r -> r.tableName(table).key(Map.of("pk", s("a")))
                .updateExpression("SET = :v")), client))
                .isExactlyInstanceOf(DynamoDbException.class)
                .satisfies(e -> assertThat(((AwsServiceException) e).awsErrorDetails().errorCode())
                        .isEqualTo("ValidationException"));

        String arn = client.describeTable(r -> r.tableName(table)).table().latestStreamArn();
        assertSameStreamsFailure(c -> c.getRecords(r -> r.shardIterator("not-an-iterator")));
        assertSameStreamsFailure(c -> c.describeStream(r -> r.streamArn(arn + "-gone")));
        assertSameStreamsFailure(c -> c.getShardIterator(r -> r.streamArn(arn).shardId("shardId-none")
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)));
    }

    /** DynamoDB Local's own embedded mapping shares mutable exception builders between threads; ours must not. */
    @Test
    void concurrentConditionFailures_eachCarryTheirOwnItem() throws Exception {
        String table = keyValueTable();
        for (int i = 0; i < 8; i++) {
            int key = i;
            client.putItem(r -> r.tableName(table).item(Map.of("pk", s("k" + key), "v", n(key))));
        }
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(threads.submit(() -> {
                    List<String> wrong = new ArrayList<>();
                    for (int i = 0; i < 40; i++) {
                        int key = i % 8;
                        try {
                            client.putItem(r -> r.tableName(table).item(Map.of("pk", s("k" + key)))
                                    .conditionExpression("attribute_not_exists(pk)")
                                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
                            wrong.add("k" + key + " was written");
                        } catch (ConditionalCheckFailedException e) {
                            if (!e.item().equals(Map.of("pk", s("k" + key), "v", n(key)))) {
                                wrong.add("k" + key + " came with " + e.item());
                            }
                        }
                    }
                    return wrong;
                }));
            }
            for (Future<List<String>> result : results) {
                assertThat(result.get()).isEmpty();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void closingAClient_leavesTheDatabaseRunning_closingDynamoDbLocal_stopsBoth() {
        DynamoDbLocal other = DynamoDbLocal.start(0);
        DynamoDbClient outside = DynamoDbClient.builder().endpointOverride(other.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials("local")).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
        try {
            other.client().close();
            other.streamsClient().close();
            assertThat(other.client().listTables().tableNames()).isEmpty();
            assertThat(outside.listTables().tableNames()).isEmpty();

            other.close();
            other.close();

            assertThatThrownBy(() -> other.client().listTables()).isInstanceOf(SdkClientException.class);
            assertThatThrownBy(() -> other.streamsClient().listStreams()).isInstanceOf(SdkClientException.class);
            assertThatThrownBy(outside::listTables).isInstanceOf(SdkClientException.class);
        } finally {
            outside.close();
            other.close();
        }
    }

    // --- helpers ---

    /** The same failure in-process and over HTTP: class, status, code, message (request ids aside), items. */
    private static void assertSameFailure(Consumer<DynamoDbClient> call) {
        assertThat(describe(failure(call, client))).isEqualTo(describe(failure(call, http)));
    }

    private static void assertSameStreamsFailure(Consumer<DynamoDbStreamsClient> call) {
        assertThat(describe(failure(call, streams))).isEqualTo(describe(failure(call, httpStreams)));
    }

    private static <C> Throwable failure(Consumer<C> call, C on) {
        Throwable thrown = catchThrowable(() -> call.accept(on));
        assertThat(thrown).as("a failure from " + on).isInstanceOf(SdkException.class);
        return thrown;
    }

    private static Map<String, Object> describe(Throwable failure) {
        Map<String, Object> shape = new LinkedHashMap<>();
        shape.put("class", failure.getClass().getName());
        shape.put("message", failure.getMessage().replaceAll("Request ID: [-0-9a-zA-Z]+", "Request ID: *"));
        shape.put("retryable", ((SdkException) failure).retryable());
        if (failure instanceof AwsServiceException service) {
            shape.put("status", service.statusCode());
            shape.put("code", service.awsErrorDetails().errorCode());
            shape.put("errorMessage", service.awsErrorDetails().errorMessage());
            shape.put("service", service.awsErrorDetails().serviceName());
            shape.put("throttling", service.isThrottlingException());
            shape.put("hasRequestId", service.requestId() != null);
        }
        if (failure instanceof ConditionalCheckFailedException conditional) {
            shape.put("item", conditional.hasItem() ? conditional.item() : "none");
        }
        if (failure instanceof TransactionCanceledException cancelled) {
            shape.put("reasons", cancelled.cancellationReasons());
        }
        return shape;
    }

    private static List<Record> readAll(DynamoDbStreamsClient on, String arn) {
        List<Record> records = new ArrayList<>();
        on.describeStream(r -> r.streamArn(arn)).streamDescription().shards().forEach(shard -> {
            String iterator = on.getShardIterator(r -> r.streamArn(arn).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            for (int reads = 0; iterator != null && reads < 5; reads++) {
                String current = iterator;
                var page = on.getRecords(r -> r.shardIterator(current));
                records.addAll(page.records());
                iterator = page.records().isEmpty() ? null : page.nextShardIterator();
            }
        });
        return Collections.unmodifiableList(records);
    }

    private static String keyValueTable() {
        String name = "kv" + TABLES.incrementAndGet();
        client.createTable(keyValueTableRequest(name));
        return name;
    }

    private static CreateTableRequest keyValueTableRequest(String name) {
        return CreateTableRequest.builder().tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("pk")).keySchema(key("pk", KeyType.HASH))
                .streamSpecification(st -> st.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES))
                .build();
    }

    /** A row of every attribute type. */
    private static Map<String, AttributeValue> row(int i) {
        Map<String, AttributeValue> row = new LinkedHashMap<>();
        row.put("pk", s("page"));
        row.put("sk", s(String.format("%03d", i)));
        row.put("v", n(i));
        row.put("bin", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {1, 2, (byte) i})));
        row.put("sets", AttributeValue.fromM(Map.of("ss", AttributeValue.fromSs(List.of("a", "b" + i)),
                "ns", AttributeValue.fromNs(List.of("1", "2.5")),
                "bs", AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("x"))))));
        row.put("list", AttributeValue.fromL(List.of(s(""), AttributeValue.fromNul(true), AttributeValue.fromBool(false),
                AttributeValue.fromM(Map.of()), AttributeValue.fromL(List.of()))));
        return row;
    }

    private static String sortedTable() {
        String name = "sorted" + TABLES.incrementAndGet();
        client.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("pk"), attribute("sk"))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE)));
        return name;
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static DynamoDbClient http(String accessKey, String region) {
        return DynamoDbClient.builder().endpointOverride(local.endpoint()).region(Region.of(region))
                .credentialsProvider(credentials(accessKey)).httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static StaticCredentialsProvider credentials(String accessKey) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "secret"));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    private static AttributeValue n(long value) {
        return AttributeValue.builder().n(Long.toString(value)).build();
    }
}
