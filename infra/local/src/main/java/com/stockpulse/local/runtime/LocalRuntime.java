package com.stockpulse.local.runtime;

import com.stockpulse.functions.config.FunctionsConfig;
import com.stockpulse.functions.config.Wiring;
import com.stockpulse.functions.handler.ConnectHandler;
import com.stockpulse.functions.handler.DisconnectHandler;
import com.stockpulse.functions.handler.MessageHandler;
import com.stockpulse.functions.handler.SaleEventConsumer;
import com.stockpulse.functions.handler.StockFanOutHandler;
import com.stockpulse.functions.metrics.CountingMetrics;
import com.stockpulse.functions.store.dynamodb.TableDefinitions;
import com.stockpulse.local.apigateway.WebSocketApiEmulator;
import com.stockpulse.local.apigateway.WebSocketRoutes;
import com.stockpulse.local.dynamodb.DynamoDbEndpoint;
import com.stockpulse.local.dynamodb.DynamoDbLocal;
import com.stockpulse.local.dynamodb.DynamoDbService;
import com.stockpulse.local.kinesis.SaleEventsStream;
import com.stockpulse.local.lambda.LocalFunctions;
import com.stockpulse.local.runtime.LocalSettings.Service;
import com.stockpulse.local.streams.Checkpoints;
import com.stockpulse.local.streams.EventSourceMapping;
import com.stockpulse.local.streams.FailureDestination;
import com.stockpulse.local.web.LocalWebServer;
import com.stockpulse.local.web.OpsApi;
import com.stockpulse.model.FunctionSetting;
import com.stockpulse.model.StreamMapping;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * StockPulse in one JVM, started in the order of the README's flow: DynamoDB and the sale-events stream, the
 * WebSocket API, the functions with their event source mappings, then the web pages. Every handler is the unchanged
 * one of {@code functions}, built by the same {@link Wiring} the Lambda functions use. The runtime's own code calls
 * DynamoDB Local and the WebSocket API in-process (no HTTP); their HTTP endpoints serve everything outside this JVM.
 */
public final class LocalRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalRuntime.class);

    private final LocalSettings settings;
    /** What to stop, newest first. */
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    /** The functions' own figures (what EMF carries to CloudWatch on AWS), for the ops console. */
    private final CountingMetrics metrics = new CountingMetrics();
    private DynamoDbService dynamoDb;
    private SaleEventsStream sales;
    private WebSocketApiEmulator webSocketApi;
    private FunctionsConfig functionsConfig;
    private Wiring wiring;
    private EventSourceMapping saleMapping;
    private EventSourceMapping stockMapping;
    private LocalWebServer web;

    private LocalRuntime(LocalSettings settings) {
        this.settings = settings;
    }

    public static LocalRuntime start(LocalSettings settings) {
        LocalSdkDefaults.apply();
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
        if (settings.storage().persistent()) {
            started.push(DataDirLock.take(settings.storage().dir()));
        }
        dynamoDb = started(startDynamoDb());
        sales = started(startSaleEvents());
        webSocketApi = started(WebSocketApiEmulator.start(settings.webSocketApi()));
        webSocketApi.injectFaults(settings.chaos()); // Chaos.NONE unless --chaos: every roll says no

        functionsConfig = FunctionsConfig.of(Map.of())
                .with(FunctionSetting.REGION, settings.region())
                .with(FunctionSetting.DYNAMODB_ENDPOINT, dynamoDb.endpoint())
                .with(FunctionSetting.MANAGEMENT_ENDPOINT, webSocketApi.managementEndpoint())
                .with(FunctionSetting.POST_BUDGET, settings.postBudget());
        wiring = Wiring.create(functionsConfig, dynamoDb.client(), webSocketApi.inProcessMessenger(), metrics);
        boolean fresh = TableDefinitions.createAll(dynamoDb.client(), functionsConfig::tableName);
        if (settings.seed() && fresh) {
            SeedCatalog.apply(settings.webDir().resolve("catalog.json"), wiring.stockApplier(), wiring.catalogStore());
        }

        // Sales in: Kinesis, the sale consumer, the stock table. Broadcast out: its stream, the fan-out, the sockets.
        saleMapping = started(EventSourceMapping.kinesis(sales.client(), sales.name(), settings.region(),
                polling(settings.mappings().saleEvents()), settings.chaos().crashingConsumer(
                        LocalFunctions.streamFunction(new SaleEventConsumer(wiring)))));
        String stockStream = dynamoDb.client().describeTable(r -> r.tableName(functionsConfig.stockTable()))
                .table().latestStreamArn();
        stockMapping = started(EventSourceMapping.dynamoDbStream(dynamoDb.streamsClient(), stockStream,
                settings.region(), polling(settings.mappings().stockChanges()), settings.chaos().crashingFanOut(
                        LocalFunctions.streamFunction(new StockFanOutHandler(wiring)))));

        web = started(LocalWebServer.start(settings.ports().host(), settings.ports().web(), settings.webDir(),
                webSocketApi.webSocketUrl(), new OpsApi(sales.client(), sales.name(), wiring.stockStore(),
                        Clock.systemUTC(), this::figures, webSocketApi::closeOpenSockets)));
        webSocketApi.integrate(viewerRoutes());
    }

    /** DynamoDB Local in this JVM, or the DynamoDB the user named. */
    private DynamoDbService startDynamoDb() {
        return switch (settings.ports().dynamoDb()) {
            case Service.Elsewhere elsewhere -> DynamoDbEndpoint.at(elsewhere.endpoint(), settings.region());
            case Service.Started here -> DynamoDbLocal.start(here.port() == 0 ? 0 : requireFree(here.port(),
                    "--dynamodb-port"), settings.keptIn("dynamodb").map(dir -> dir.resolve(DynamoDbLocal.SHARED_DB_FILE)));
        };
    }

    /** The sale-events stream on kinesalite started here, or on the Kinesis the user named. */
    private SaleEventsStream startSaleEvents() {
        SaleEventsStream.Host host = switch (settings.ports().kinesis()) {
            case Service.Elsewhere elsewhere -> SaleEventsStream.Host.at(elsewhere.endpoint());
            case Service.Started here -> SaleEventsStream.Host.kinesalite(settings.kinesaliteDir(), here.port(),
                    settings.keptIn("kinesis"));
        };
        return SaleEventsStream.start(host, settings.streamName(), settings.mappings().shards(), settings.region());
    }

    /**
     * The viewers' functions behind the WebSocket API's routes. They allow pages from this runtime's own web origin,
     * known once the web server has its port.
     */
    private WebSocketRoutes viewerRoutes() {
        Wiring viewers = Wiring.create(functionsConfig.with(FunctionSetting.ALLOWED_ORIGINS, webOrigins(web.url())),
                dynamoDb.client(), webSocketApi.inProcessMessenger(), metrics);
        MessageHandler message = new MessageHandler(viewers);
        return new WebSocketRoutes(new ConnectHandler(viewers)::handleRequest,
                new DisconnectHandler(viewers)::handleRequest, message::handleRequest,
                Map.of("sync", message::handleRequest));
    }

    /** The origins a browser sends for the pages of this runtime: as served, and by localhost and 127.0.0.1. */
    static String webOrigins(URI webUrl) {
        int port = webUrl.getPort();
        return String.join(", ", "http://" + webUrl.getHost() + ":" + port, "http://localhost:" + port,
                "http://127.0.0.1:" + port);
    }

    /**
     * How a mapping polls here. Its checkpoints live in the data dir when it is kept, so a restart goes on where it
     * stopped.
     */
    private EventSourceMapping.Polling polling(StreamMapping mapping) {
        FailureDestination failures = new FailureDestination(settings.onFailureFile(mapping, webSocketApi.port()));
        Checkpoints checkpoints;
        try {
            checkpoints = settings.keptIn("checkpoints")
                    .map(dir -> Checkpoints.inFile(dir.resolve(mapping.name() + ".json")))
                    .orElseGet(Checkpoints::inMemory);
        } catch (UncheckedIOException e) {
            throw new StartupFailedException(e.getMessage(), e);
        }
        return new EventSourceMapping.Polling(mapping, settings.mappings().pollInterval(), failures, checkpoints);
    }

    private <T extends AutoCloseable> T started(T part) {
        started.push(part);
        return part;
    }

    private int requireFree(int port, String option) {
        // A probe on the address the stand-in will listen on (loopback unless the user asks), only to name the option.
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName(settings.ports().host()))) {
            return port;
        } catch (IOException e) {
            throw new StartupFailedException("port " + port + " is taken: stop what uses it or choose another with "
                    + option, e);
        }
    }

    /** What the runtime has done so far, read now. */
    public RuntimeSample sample() {
        return new RuntimeSample(webSocketApi().openConnections(), saleMapping().recordsDone(),
                webSocketApi().postsDelivered(), saleMapping().lag(), settings().chaos().injected());
    }

    /** The stack's counters for {@code GET /ops/api/runtime}: what runs now and what went through since the start. */
    private Map<String, Object> figures() {
        RuntimeSample now = sample();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("sockets", now.connections());
        figures.put("postsDelivered", now.postsDelivered());
        figures.put("salesProcessed", now.salesDone());
        figures.put("saleLagMillis", now.saleLag().toMillis());
        figures.put("batchesDiscarded", saleMapping.failures().count() + stockMapping.failures().count());
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
        return sales.brokenDown();
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
        return sales.endpoint();
    }

    public URI dynamoDbEndpoint() {
        return dynamoDb.endpoint();
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
        return sales.client();
    }

    public WebSocketApiEmulator webSocketApi() {
        return webSocketApi;
    }

    /** Sale events to the sale consumer. */
    public EventSourceMapping saleMapping() {
        return saleMapping;
    }

    /** The stock table's changes to the fan-out. */
    public EventSourceMapping stockMapping() {
        return stockMapping;
    }

    public List<String> tableNames() {
        return List.of(functionsConfig.stockTable(), functionsConfig.connectionsTable(), functionsConfig.catalogTable(),
                functionsConfig.processedEventsTable());
    }

    /**
     * Primes the JIT on the sale and broadcast path in the background ({@link JitWarmUp}); only on the in-process
     * DynamoDB Local, whose scratch tables nobody else sees. Stopped with the runtime.
     */
    public synchronized Optional<JitWarmUp> warmUp(int saleCount, Duration limit) {
        if (!(dynamoDb instanceof DynamoDbLocal local)) {
            return Optional.empty();
        }
        JitWarmUp warmUp = JitWarmUp.start(local.client(), local.streamsClient(), functionsConfig,
                webSocketApi.inProcessMessenger(), webSocketApi.webSocketUrl(), saleCount, limit);
        return Optional.of(started(warmUp));
    }

    /** Stops everything that started, newest first; safe to call twice. */
    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            AutoCloseable part = started.pop();
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed: {}", part.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
