package com.stockpulse.local.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.stockpulse.functions.config.FunctionsConfig;
import com.stockpulse.functions.config.Wiring;
import com.stockpulse.functions.events.BatchResponse;
import com.stockpulse.functions.events.DynamoDbStreamBatch;
import com.stockpulse.functions.events.KinesisBatch;
import com.stockpulse.functions.handler.SaleEventConsumer;
import com.stockpulse.functions.handler.StockFanOutHandler;
import com.stockpulse.functions.messaging.ConnectionMessenger;
import com.stockpulse.functions.store.dynamodb.TableDefinitions;
import com.stockpulse.local.lambda.LocalFunctions;
import com.stockpulse.local.lambda.LocalLambdaContext;
import com.stockpulse.local.streams.DynamoDbShardedStream;
import com.stockpulse.local.streams.LambdaEvents;
import com.stockpulse.model.EventType;
import com.stockpulse.model.FunctionSetting;
import com.stockpulse.model.Limits;
import com.stockpulse.model.SaleEvent;
import com.stockpulse.model.TableSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * Primes the JIT on the sale and broadcast path of a freshly started stack, as SnapStart priming does for the Lambda
 * functions. Without it the first seconds of a flash sale run in the interpreter while C2 compiles, and on two cores
 * that builds a backlog the rest of the sale pays for (docs/benchmarks.md: 500 sales/s to 5,000 viewers, p99 28 s
 * with C1 only, 9-14 s with a cold C2, 4.9 s primed with 1,600 sales, 1.8 s with 20,000). C2 compiles a method
 * after thousands of calls, so the warm-up is sized in sales, not seconds: a faster machine finishes sooner.
 *
 * <p>It runs the unchanged consumer and fan-out handlers on scratch stock, catalog and processed-event tables in the
 * same DynamoDB Local (deleted afterwards), so no user's stock, stream or outcome sees it. The broadcasts go to real
 * sockets of the emulator, because posting is half the hot path: {@value #VIEWERS} WebSockets of this JVM watch
 * {@code /products/}{@value #SKU} through the real {@code $connect} (their connection rows live in the connections
 * table for those seconds) and close at the end. It takes about 20 s of CPU right after the start, in the
 * background; {@link #close()} stops it early.
 */
public final class JitWarmUp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JitWarmUp.class);
    private static final String PREFIX = "stockpulse-warm-up-";
    private static final int VIEWERS = 200;
    private static final String SKU = "stockpulse-warm-up";
    private static final int SALES_PER_BATCH = 100;
    /**
     * How many sales {@code stockpulse local} warms with. Measured (docs/benchmarks.md): 1,600 sales left the
     * 5,000-viewer flash sale at p99 4.9 s, 20,000 at 1.8-2.6 s. About 20 s on two cores.
     */
    public static final int SALES = 20_000;
    /** The most it warms for: a slow machine does not warm for minutes. */
    public static final Duration LIMIT = Duration.ofSeconds(60);

    private final DynamoDbClient dynamoDb;
    private final DynamoDbStreamsClient streams;
    private final FunctionsConfig runtimeConfig;
    private final ConnectionMessenger messenger;
    private final URI webSocketUrl;
    private final int sales;
    private final Duration limit;
    private final Thread thread;
    private volatile boolean stopping;
    private volatile int salesApplied;
    private final CompletableFuture<Integer> finished = new CompletableFuture<>();

    private JitWarmUp(DynamoDbClient dynamoDb, DynamoDbStreamsClient streams, FunctionsConfig runtimeConfig,
                      ConnectionMessenger messenger, URI webSocketUrl, int sales, Duration limit) {
        this.dynamoDb = dynamoDb;
        this.streams = streams;
        this.runtimeConfig = runtimeConfig;
        this.messenger = messenger;
        this.webSocketUrl = webSocketUrl;
        this.sales = sales;
        this.limit = limit;
        this.thread = Thread.ofPlatform().name("jit-warm-up").daemon().unstarted(this::run);
    }

    /**
     * Starts warming in the background until about {@code sales} sales went through, or {@code limit} passed: the
     * runtime's DynamoDB Local clients, its functions' settings (region, connections table), its messenger and the
     * URL of its WebSocket API.
     */
    static JitWarmUp start(DynamoDbClient dynamoDb, DynamoDbStreamsClient streams, FunctionsConfig runtimeConfig,
                           ConnectionMessenger messenger, URI webSocketUrl, int sales, Duration limit) {
        JitWarmUp warmUp = new JitWarmUp(dynamoDb, streams, runtimeConfig, messenger, webSocketUrl, sales, limit);
        warmUp.thread.start();
        return warmUp;
    }

    private void run() {
        FunctionsConfig config = FunctionsConfig.of(Map.of(
                FunctionSetting.REGION.variable(), runtimeConfig.region(),
                TableSchema.STOCK.variable(), PREFIX + "stock",
                TableSchema.CONNECTIONS.variable(), runtimeConfig.connectionsTable(),
                TableSchema.CATALOG.variable(), PREFIX + "catalog",
                TableSchema.PROCESSED_EVENTS.variable(), PREFIX + "processed-events"));
        List<CreateTableRequest> scratch = List.of(TableDefinitions.of(TableSchema.STOCK, config.stockTable()),
                TableDefinitions.of(TableSchema.CATALOG, config.catalogTable()),
                TableDefinitions.of(TableSchema.PROCESSED_EVENTS, config.processedEventsTable()));
        long started = System.nanoTime();
        int sales = 0;
        List<WebSocket> viewers = new ArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        try {
            drop(scratch); // left by a warm-up that a crash stopped, in a data dir kept across restarts
            scratch.forEach(dynamoDb::createTable);
            for (CreateTableRequest table : scratch) {
                dynamoDb.waiter().waitUntilTableExists(r -> r.tableName(table.tableName()));
            }
            URI page = URI.create(webSocketUrl + "?page=/products/" + SKU);
            for (int i = 0; i < VIEWERS && !stopping; i++) {
                viewers.add(http.newWebSocketBuilder().buildAsync(page, new WebSocket.Listener() { })
                        .get(10, TimeUnit.SECONDS));
            }
            sales = warm(Wiring.create(config, dynamoDb, messenger), config);
            salesApplied = sales;
            for (WebSocket viewer : viewers) {
                viewer.sendClose(WebSocket.NORMAL_CLOSURE, "warm").get(10, TimeUnit.SECONDS);
            }
            LOG.info("JIT warm-up: {} sales applied and broadcast to {} sockets in {} ms",
                    sales, viewers.size(), (System.nanoTime() - started) / 1_000_000);
        } catch (InterruptedException e) {
            LOG.debug("JIT warm-up interrupted after {} sales", sales);
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("JIT warm-up stopped: a warm-up socket failed: {}", e.toString());
        } catch (RuntimeException e) {
            // An optimisation only: the first sales pay for the JIT instead.
            LOG.atLevel(stopping ? Level.DEBUG : Level.WARN).log("JIT warm-up stopped after {} sales: {}", sales, e.toString());
        } finally {
            viewers.forEach(WebSocket::abort);
            http.shutdownNow();
            drop(scratch);
            finished.complete(salesApplied);
        }
    }

    /** Deletes the scratch tables that exist. */
    private void drop(List<CreateTableRequest> scratch) {
        for (CreateTableRequest table : scratch) {
            try {
                dynamoDb.deleteTable(r -> r.tableName(table.tableName()));
            } catch (ResourceNotFoundException e) {
                LOG.trace("no warm-up table {}", table.tableName());
            } catch (RuntimeException e) {
                LOG.warn("warm-up table {} not deleted: {}", table.tableName(), e.toString());
            }
        }
    }

    private int warm(Wiring wiring, FunctionsConfig config) {
        // Through the JSON the mappings pass, so the warm-up also warms the parsing the stream functions do.
        BiFunction<KinesisBatch, Context, BatchResponse> consumer =
                LocalFunctions.streamFunction(new SaleEventConsumer(wiring));
        BiFunction<DynamoDbStreamBatch, Context, BatchResponse> fanOut =
                LocalFunctions.streamFunction(new StockFanOutHandler(wiring));
        LocalLambdaContext context = new LocalLambdaContext("jit-warm-up", Duration.ofMinutes(1));
        String streamArn = dynamoDb.describeTable(r -> r.tableName(config.stockTable())).table().latestStreamArn();
        DynamoDbShardedStream stockStream = new DynamoDbShardedStream(streams, streamArn);

        long sequence = 0;
        String region = config.region();
        consumer.apply(LambdaEvents.kinesis("warm-up", region, "shardId-0",
                List.of(record(++sequence, new SaleEvent("warm-up-restock", EventType.RESTOCK, SKU,
                        Limits.MAX_QUANTITY, Instant.now(), "warm-up")))), context);
        // After the first record: DynamoDB Local answers an iterator taken on an empty shard with TrimmedDataAccess.
        String iterator = stockStream.firstIterator(stockStream.shards().getFirst().shardId());
        long deadline = System.nanoTime() + limit.toNanos();
        while (!stopping && sequence <= sales && System.nanoTime() < deadline) {
            List<Record> batch = new ArrayList<>(SALES_PER_BATCH);
            for (int i = 0; i < SALES_PER_BATCH; i++) {
                batch.add(record(++sequence, new SaleEvent("warm-up-" + sequence, EventType.SALE, SKU, 1,
                        Instant.now(), "warm-up")));
            }
            consumer.apply(LambdaEvents.kinesis("warm-up", region, "shardId-0", batch), context);
            var changes = stockStream.read(iterator, 100);
            iterator = changes.nextIterator();
            fanOut.apply(LambdaEvents.dynamoDb(streamArn, region, changes.records()), context);
        }
        // Counted from the row, so sales refused (or skipped as malformed) do not count as warming the apply path.
        return wiring.stockStore().get(SKU).map(level -> (int) (Limits.MAX_QUANTITY - level.available())).orElse(0);
    }

    private static Record record(long sequence, SaleEvent event) {
        return Record.builder()
                .sequenceNumber(String.format("%056d", sequence))
                .partitionKey(event.partitionKey())
                .data(SdkBytes.fromByteArray(event.toJsonBytes()))
                .approximateArrivalTimestamp(Instant.now())
                .build();
    }

    /**
     * Completes, on the warm-up's thread, once it has finished and dropped its tables, with the sales it applied
     * (0 if it stopped early). It always completes: the warm-up is bounded by its limit.
     */
    public CompletionStage<Integer> finished() {
        return finished.minimalCompletionStage();
    }

    /** Waits until the warm-up has finished and dropped its tables; false when {@code timeout} passed first. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return thread.join(timeout);
    }

    /** How many sales it applied (read from its stock row) and broadcast; 0 until it finished, or if it stopped early. */
    public int salesApplied() {
        return salesApplied;
    }

    /** Stops the warm-up and waits for it to drop its tables. */
    @Override
    public void close() {
        stopping = true;
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
