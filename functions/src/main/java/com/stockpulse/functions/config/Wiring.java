package com.stockpulse.functions.config;

import com.stockpulse.functions.broadcast.FanOutSettings;
import com.stockpulse.functions.broadcast.StockFanOut;
import com.stockpulse.functions.logging.RequestLogging;
import com.stockpulse.functions.messaging.ApiGatewayConnectionMessenger;
import com.stockpulse.functions.messaging.ConnectionMessenger;
import com.stockpulse.functions.metrics.CountingMetrics;
import com.stockpulse.functions.metrics.EmfMetrics;
import com.stockpulse.functions.metrics.Metrics;
import com.stockpulse.functions.sales.StockApplier;
import com.stockpulse.functions.store.CatalogStore;
import com.stockpulse.functions.store.ConnectionStore;
import com.stockpulse.functions.store.PageDirectory;
import com.stockpulse.functions.store.StockStore;
import com.stockpulse.functions.store.dynamodb.DynamoDbCatalogStore;
import com.stockpulse.functions.store.dynamodb.DynamoDbConnectionStore;
import com.stockpulse.functions.store.dynamodb.DynamoDbStockStore;
import com.stockpulse.functions.viewer.ConnectionRegistry;
import com.stockpulse.functions.viewer.MessageRateLimiter;
import com.stockpulse.functions.viewer.ViewerRequests;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The real objects behind the handlers' no-argument constructors, built from {@link FunctionsConfig} on first use
 * and then shared by every handler in the JVM: one DynamoDB client and one Management API client per container.
 * A function that never posts (connect, disconnect, the consumer) never needs the management endpoint.
 */
public final class Wiring {

    private static Wiring shared;

    private final FunctionsConfig config;
    private final Clock clock = Clock.systemUTC();
    private final RequestLogging requestLogging;
    private DynamoDbClient dynamoDb;
    private ConnectionMessenger messenger;
    private MessageRateLimiter messageLimiter;
    private Metrics metrics;

    private Wiring(FunctionsConfig config, RequestLogging requestLogging) {
        this.config = config;
        this.requestLogging = requestLogging;
    }

    /** The wiring of this JVM on Lambda, from the environment, built once. */
    public static synchronized Wiring shared() {
        if (shared == null) {
            shared = new Wiring(FunctionsConfig.fromEnvironment(), RequestLogging.POWERTOOLS);
        }
        return shared;
    }

    /**
     * Wiring on a DynamoDB client and a messenger made elsewhere, such as the embedded runtime's in-process DynamoDB
     * Local client and WebSocket API; the caller owns (and closes) them.
     */
    public static Wiring create(FunctionsConfig config, DynamoDbClient dynamoDb, ConnectionMessenger messenger) {
        return create(config, dynamoDb, messenger, new CountingMetrics());
    }

    /** The same, with the figures going where the caller reads them (the local runtime's ops console). */
    public static Wiring create(FunctionsConfig config, DynamoDbClient dynamoDb, ConnectionMessenger messenger,
                                Metrics metrics) {
        Wiring wiring = new Wiring(config, RequestLogging.PLAIN);
        wiring.dynamoDb = dynamoDb;
        wiring.messenger = messenger;
        wiring.metrics = metrics;
        return wiring;
    }

    public FunctionsConfig config() {
        return config;
    }

    public synchronized DynamoDbClient dynamoDb() {
        if (dynamoDb == null) {
            dynamoDb = AwsClients.dynamoDb(config);
        }
        return dynamoDb;
    }

    public synchronized ConnectionMessenger messenger() {
        if (messenger == null) {
            messenger = new ApiGatewayConnectionMessenger(AwsClients.managementApi(config));
        }
        return messenger;
    }

    /** On Lambda, CloudWatch EMF through Powertools, written at the end of each invocation. */
    public synchronized Metrics metrics() {
        if (metrics == null) {
            metrics = new EmfMetrics();
        }
        return metrics;
    }

    /** How each invocation's log lines are framed: JSON with the request's fields on Lambda, plain elsewhere. */
    public RequestLogging requestLogging() {
        return requestLogging;
    }

    public ConnectionStore connectionStore() {
        return new DynamoDbConnectionStore(dynamoDb(), config.connectionsTable(), config.connectionShards());
    }

    public DynamoDbStockStore stockStore() {
        return new DynamoDbStockStore(dynamoDb(), config.stockTable(), config.processedEventsTable(),
                config.processedEventTtl());
    }

    public CatalogStore catalogStore() {
        return new DynamoDbCatalogStore(dynamoDb(), config.catalogTable());
    }

    public ConnectionRegistry connectionRegistry() {
        return new ConnectionRegistry(connectionStore(), config.connectionTtl(), config.allowedOrigins(), metrics(), clock);
    }

    public ViewerRequests viewerRequests() {
        return new ViewerRequests(connectionStore(), new PageDirectory(catalogStore()), stockStore(), messenger(),
                messageLimiter(), metrics());
    }

    /** One per wiring (on Lambda, one per container): each socket's budget, whichever handler instance serves it. */
    private synchronized MessageRateLimiter messageLimiter() {
        if (messageLimiter == null) {
            messageLimiter = new MessageRateLimiter(config.clientMessagesPerSecond(), config.clientMessageBurst(), clock);
        }
        return messageLimiter;
    }

    public StockApplier stockApplier() {
        return new StockApplier(stockStore(), clock);
    }

    public StockFanOut stockFanOut() {
        DynamoDbStockStore stock = stockStore();
        return new StockFanOut(new PageDirectory(catalogStore()), connectionStore(), stock, stock, messenger(),
                FanOutSettings.of(config.fanOutConcurrency(), config.fanOutDeadline())
                        .withPostsPerSecond(config.postBudget()), clock);
    }
}
