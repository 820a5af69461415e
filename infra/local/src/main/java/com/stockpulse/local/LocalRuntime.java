package com.stockpulse.local;

import com.stockpulse.functions.config.AwsClients;
import com.stockpulse.functions.config.FunctionsConfig;
import com.stockpulse.functions.config.Wiring;
import com.stockpulse.functions.metrics.CountingMetrics;
import com.stockpulse.functions.handler.ConnectHandler;
import com.stockpulse.functions.handler.DisconnectHandler;
import com.stockpulse.functions.handler.MessageHandler;
import com.stockpulse.functions.handler.SaleEventConsumer;
import com.stockpulse.functions.handler.StockFanOutHandler;
import com.stockpulse.functions.store.dynamodb.TableDefinitions;
import com.stockpulse.local.apigateway.WebSocketApiEmulator;
import com.stockpulse.local.apigateway.WebSocketRoutes;
import com.stockpulse.local.chaos.Chaos;
import com.stockpulse.local.dynamodb.DynamoDbLocal;
import com.stockpulse.local.kinesis.KinesaliteProcess;
import com.stockpulse.local.streams.Checkpoints;
import com.stockpulse.local.streams.DynamoDbShardedStream;
import com.stockpulse.local.streams.FailureDestination;
import com.stockpulse.local.streams.KinesisShardedStream;
import com.stockpulse.local.streams.LambdaEvents;
import com.stockpulse.local.streams.StreamPoller;
import com.stockpulse.local.web.LocalWebServer;
import com.stockpulse.local.web.OpsApi;
import com.stockpulse.model.StreamMapping;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * StockPulse in one JVM: DynamoDB Local in-process, kinesalite as a child process, the WebSocket API emulator,
 * one poller per event source mapping and the web pages, all running the unchanged handlers of {@code functions}
 * through the same {@link Wiring} the Lambda functions use. The handlers and the stock-changes poller call DynamoDB
 * Local directly (no HTTP); its HTTP endpoint serves the same tables to everything outside this JVM.
 */
public final class LocalRuntime implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LocalRuntime.class.getName());

    private final LocalSettings settings;
    /** What to stop, newest first. */
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    /** Null when the user named another DynamoDB with --dynamodb-endpoint. */
    private DynamoDbLocal dynamoDbLocal;
    private URI dynamoDbEndpoint;
    private URI kinesisEndpoint;
    private FunctionsConfig functionsConfig;
    private Wiring wiring;
    /** The functions' own figures (what EMF carries to CloudWatch on AWS), for the ops console. */
    private final CountingMetrics metrics = new CountingMetrics();
    private KinesisClient kinesis;
    private WebSocketApiEmulator webSocketApi;
    private LocalWebServer web;
    private StreamPoller<?, ?> salePoller;
    private StreamPoller<?, ?> stockPoller;
    private FailureDestination saleFailures;
    private FailureDestination stockFailures;
    private volatile Handlers handlers;
    /** Completes with the reason if a stand-in this runtime started dies on its own (today: kinesalite). */
    private final CompletableFuture<String> brokenDown = new CompletableFuture<>();

    private record Handlers(ConnectHandler connect, DisconnectHandler disconnect, MessageHandler message) {
    }

    private LocalRuntime(LocalSettings settings) {
        this.settings = settings;
    }

    public static LocalRuntime start(LocalSettings settings) {
        LocalSettings.applySdkDefaults();
        LocalRuntime runtime = new LocalRuntime(settings);
        try {
            runtime.startAll();
            return runtime;
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    private void startAll() {
        if (settings.persistent()) {
            started.push(DataDirLock.take(settings.dataDir()));
        }
        startDynamoDb();
        startKinesis();
        webSocketApi = WebSocketApiEmulator.start(settings.emulator(), new WebSocketRoutes(
                (event, context) -> ready().connect().handleRequest(event, context),
                (event, context) -> ready().disconnect().handleRequest(event, context),
                (event, context) -> ready().message().handleRequest(event, context),
                Map.of("sync", (event, context) -> ready().message().handleRequest(event, context))));
        started.push(webSocketApi);
        if (settings.chaos().isOn()) {
            webSocketApi.injectFaults(settings.chaos());
        }

        functionsConfig = FunctionsConfig.of(Map.of(
                FunctionsConfig.REGION, settings.region(),
                FunctionsConfig.DYNAMODB_ENDPOINT, dynamoDbEndpoint.toString(),
                FunctionsConfig.MANAGEMENT_ENDPOINT, webSocketApi.managementEndpoint().toString(),
                FunctionsConfig.POST_BUDGET, Integer.toString(settings.postBudget())));
        // The runtime's own code calls DynamoDB Local and the WebSocket API in-process: their HTTP doors (signing, JSON,
        // a connection per call) cost more CPU than StockPulse itself. Outside tools use the HTTP endpoints.
        DynamoDbClient dynamoDb;
        if (dynamoDbLocal != null) {
            dynamoDb = dynamoDbLocal.client();
        } else {
            dynamoDb = AwsClients.dynamoDb(functionsConfig);
            started.push(dynamoDb);
        }
        wiring = Wiring.create(functionsConfig, dynamoDb, webSocketApi.inProcessMessenger(), metrics);
        boolean fresh = TableDefinitions.createAll(wiring.dynamoDb(), functionsConfig::tableName);
        if (settings.seed() && fresh) {
            SeedCatalog.apply(settings.webDir().resolve("catalog.json"), wiring.stockApplier(), wiring.catalogStore());
        }
        startPollers();
        OpsApi ops = new OpsApi(kinesis, settings.streamName(), wiring.stockStore(), java.time.Clock.systemUTC(),
                this::figures);
        web = LocalWebServer.start(settings.host(), settings.webPort(), settings.webDir(), webSocketApi.webSocketUrl(), ops);
        started.push(web);
        // The viewers' functions allow pages from this runtime's own web origin, known once the web server has its port.
        Wiring viewers = Wiring.create(functionsConfig.with(FunctionsConfig.ALLOWED_ORIGINS, webOrigins(web.url())),
                dynamoDb, webSocketApi.inProcessMessenger(), metrics);
        handlers = new Handlers(new ConnectHandler(viewers), new DisconnectHandler(viewers), new MessageHandler(viewers));
    }

    /** The origins a browser sends for the pages of this runtime: as served, and by localhost and 127.0.0.1. */
    static String webOrigins(URI webUrl) {
        int port = webUrl.getPort();
        return String.join(", ", "http://" + webUrl.getHost() + ":" + port, "http://localhost:" + port,
                "http://127.0.0.1:" + port);
    }

    /** The stack's counters for {@code GET /ops/api/runtime}: what runs now and what went through since the start. */
    private Map<String, Object> figures() {
        StatusLine.Sample now = StatusLine.Sample.of(this);
        Map<String, Object> figures = new java.util.LinkedHashMap<>();
        figures.put("sockets", now.connections());
        figures.put("postsDelivered", now.postsDelivered());
        figures.put("salesProcessed", now.salesDone());
        figures.put("saleLagMillis", now.saleLag().toMillis());
        figures.put("batchesDiscarded", saleFailures.count() + stockFailures.count());
        figures.put("metrics", metrics.snapshot());
        if (!now.faults().isEmpty()) {
            figures.put("faultsInjected", now.faults());
        }
        return figures;
    }

    /**
     * Completes with what happened if a child stand-in dies while the stack runs; the stack cannot go on without it
     * (sales would stop reaching anyone), so {@code stockpulse local} stops with that message.
     */
    public CompletionStage<String> brokenDown() {
        return brokenDown;
    }

    private Handlers ready() {
        Handlers current = handlers;
        if (current == null) {
            throw new IllegalStateException("still starting");
        }
        return current;
    }

    private void startDynamoDb() {
        if (settings.dynamoDbEndpoint().isPresent()) {
            dynamoDbEndpoint = settings.dynamoDbEndpoint().get();
            return;
        }
        int port = settings.dynamoDbPort() == 0 ? 0 : requireFree(settings.dynamoDbPort(), "--dynamodb-port");
        dynamoDbLocal = DynamoDbLocal.start(port, settings.persistent()
                ? Optional.of(settings.dataDir().resolve("dynamodb").resolve(DynamoDbLocal.SHARED_DB_FILE))
                : Optional.empty());
        started.push(dynamoDbLocal);
        dynamoDbEndpoint = dynamoDbLocal.endpoint();
    }

    private void startKinesis() {
        if (settings.kinesisEndpoint().isPresent()) {
            kinesisEndpoint = settings.kinesisEndpoint().get();
        } else {
            KinesaliteProcess kinesalite = KinesaliteProcess.start(settings.kinesaliteDir(), settings.kinesisPort(),
                    settings.persistent() ? Optional.of(settings.dataDir().resolve("kinesis")) : Optional.empty());
            started.push(kinesalite);
            kinesisEndpoint = kinesalite.endpoint();
            kinesalite.exitedOnItsOwn().thenAccept(brokenDown::complete);
        }
        kinesis = KinesisClient.builder()
                .endpointOverride(kinesisEndpoint)
                .region(Region.of(settings.region()))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        started.push(kinesis);
        try {
            kinesis.createStream(r -> r.streamName(settings.streamName()).shardCount(settings.streamShards()));
        } catch (ResourceInUseException e) {
            LOG.log(Level.INFO, "stream {0} exists already at {1}; using it", settings.streamName(), kinesisEndpoint);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (kinesis.describeStreamSummary(r -> r.streamName(settings.streamName()))
                .streamDescriptionSummary().streamStatus() != StreamStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new StartupFailedException("stream " + settings.streamName() + " did not become ACTIVE in 30 s");
            }
            pause(Duration.ofMillis(50));
        }
    }

    private void startPollers() {
        SaleEventConsumer consumer = new SaleEventConsumer(wiring);
        StockFanOutHandler fanOut = new StockFanOutHandler(wiring);
        String region = settings.region();

        KinesisShardedStream sales = new KinesisShardedStream(kinesis, settings.streamName());
        saleFailures = new FailureDestination(settings.onFailureFile(settings.saleEvents(), webSocketApi.port()));
        Chaos chaos = settings.chaos();
        salePoller = new StreamPoller<>(sales, settings.saleEvents(), settings.pollInterval(),
                (shard, records) -> LambdaEvents.kinesis(sales.arn(), region, shard, records),
                Chaos.crashing(chaos::crashConsumer, consumer::handleRequest, event -> event.getRecords().size(),
                        LambdaEvents::firstRecords),
                saleFailures, checkpoints(settings.saleEvents()), "KinesisBatchInfo");
        started.push(salePoller);

        DynamoDbStreamsClient streams;
        if (dynamoDbLocal != null) {
            streams = dynamoDbLocal.streamsClient();
        } else {
            streams = DynamoDbStreamsClient.builder()
                    .endpointOverride(dynamoDbEndpoint)
                    .region(Region.of(region))
                    .httpClient(UrlConnectionHttpClient.create())
                    .build();
            started.push(streams);
        }
        String streamArn = wiring.dynamoDb().describeTable(r -> r.tableName(functionsConfig.stockTable()))
                .table().latestStreamArn();
        stockFailures = new FailureDestination(settings.onFailureFile(settings.stockChanges(), webSocketApi.port()));
        stockPoller = new StreamPoller<>(new DynamoDbShardedStream(streams, streamArn), settings.stockChanges(),
                settings.pollInterval(), (shard, records) -> LambdaEvents.dynamoDb(streamArn, region, records),
                Chaos.crashing(chaos::crashFanOut, fanOut::handleRequest, event -> event.getRecords().size(),
                        LambdaEvents::firstRecords),
                stockFailures, checkpoints(settings.stockChanges()), "DDBStreamBatchInfo");
        started.push(stockPoller);
    }

    /** Where a mapping's checkpoints live: in the data dir when it is kept, so a restart goes on where it stopped. */
    private Checkpoints checkpoints(StreamMapping mapping) {
        if (!settings.persistent()) {
            return Checkpoints.inMemory();
        }
        try {
            return Checkpoints.inFile(settings.dataDir().resolve("checkpoints").resolve(mapping.name() + ".json"));
        } catch (UncheckedIOException e) {
            throw new StartupFailedException(e.getMessage(), e);
        }
    }

    private int requireFree(int port, String option) {
        // A probe on the address the stand-in will listen on (loopback unless the user asks), only to name the option.
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName(settings.host()))) {
            return port;
        } catch (IOException e) {
            throw new StartupFailedException("port " + port + " is taken: stop what uses it or choose another with "
                    + option, e);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupFailedException("interrupted while starting", e);
        }
    }

    public LocalSettings settings() {
        return settings;
    }

    public URI webUrl() {
        return web.url();
    }

    public URI webSocketUrl() {
        return webSocketApi.webSocketUrl();
    }

    public URI managementEndpoint() {
        return webSocketApi.managementEndpoint();
    }

    public URI kinesisEndpoint() {
        return kinesisEndpoint;
    }

    public URI dynamoDbEndpoint() {
        return dynamoDbEndpoint;
    }

    public FunctionsConfig functionsConfig() {
        return functionsConfig;
    }

    /**
     * The wiring (clients, stores) of the stream functions; the viewers' functions share its clients, with their
     * allowed origins added.
     */
    public Wiring wiring() {
        return wiring;
    }

    public KinesisClient kinesis() {
        return kinesis;
    }

    public WebSocketApiEmulator webSocketApi() {
        return webSocketApi;
    }

    public FailureDestination saleFailures() {
        return saleFailures;
    }

    public FailureDestination stockFailures() {
        return stockFailures;
    }

    public StreamPoller<?, ?> salePoller() {
        return salePoller;
    }

    public List<String> tableNames() {
        return List.of(functionsConfig.stockTable(), functionsConfig.connectionsTable(), functionsConfig.catalogTable(),
                functionsConfig.processedEventsTable());
    }

    /**
     * Primes the JIT on the sale and broadcast path in the background ({@link JitWarmUp}); only on the in-process
     * DynamoDB Local, whose scratch tables nobody else sees. Stopped with the runtime.
     */
    public synchronized Optional<JitWarmUp> warmUp(int sales, Duration limit) {
        if (dynamoDbLocal == null) {
            return Optional.empty();
        }
        JitWarmUp warmUp = JitWarmUp.start(dynamoDbLocal.client(), dynamoDbLocal.streamsClient(), functionsConfig,
                webSocketApi.inProcessMessenger(), webSocketApi.webSocketUrl(), sales, limit);
        started.push(warmUp);
        return Optional.of(warmUp);
    }

    /** Stops everything that started, newest first; safe to call twice. */
    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            AutoCloseable part = started.pop();
            try {
                part.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "stopping {0} failed: {1}", part.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
