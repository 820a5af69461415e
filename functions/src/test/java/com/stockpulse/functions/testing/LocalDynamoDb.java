package com.stockpulse.functions.testing;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import com.stockpulse.functions.config.FunctionsConfig;
import com.stockpulse.functions.store.dynamodb.TableDefinitions;
import com.stockpulse.model.TableSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * AWS's DynamoDB Local, in-process and in memory, started once per test JVM. Each test takes fresh tables with a
 * unique prefix, so tests never see each other's rows.
 */
public final class LocalDynamoDb {

    /** The access key (and secret) of the tests' clients: DynamoDB Local keeps a database per key and region. */
    public static final String ACCESS_KEY = "local";
    private static final AtomicInteger TABLE_SETS = new AtomicInteger();
    private static DynamoDBProxyServer server;
    private static DynamoDbClient client;
    private static URI endpoint;

    private LocalDynamoDb() {
    }

    public static synchronized DynamoDbClient client() {
        if (client == null) {
            int port = freePort();
            try {
                server = ServerRunner.createServerFromCommandLineArgs(
                        new String[] {"-inMemory", "-port", Integer.toString(port), "-disableTelemetry"});
                server.start();
            } catch (Exception e) {
                throw new IllegalStateException("DynamoDB Local did not start on port " + port, e);
            }
            endpoint = URI.create("http://localhost:" + port);
            client = clientFor(endpoint, "us-east-1", ACCESS_KEY, ACCESS_KEY);
        }
        return client;
    }

    /** DynamoDB Local's HTTP endpoint, for a client in another process. */
    public static URI endpoint() {
        client();
        return endpoint;
    }

    /** Another client on the same DynamoDB Local, with an interceptor that sees every call it makes. */
    public static DynamoDbClient clientWith(software.amazon.awssdk.core.interceptor.ExecutionInterceptor interceptor) {
        client();
        return builderFor(endpoint, "us-east-1", ACCESS_KEY, ACCESS_KEY)
                .overrideConfiguration(o -> o.addExecutionInterceptor(interceptor))
                .build();
    }

    public static DynamoDbClient clientFor(URI endpoint, String region, String accessKey, String secretKey) {
        return builderFor(endpoint, region, accessKey, secretKey).build();
    }

    private static DynamoDbClientBuilder builderFor(URI endpoint, String region, String accessKey, String secretKey) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .httpClient(UrlConnectionHttpClient.create());
    }

    /** Creates the four tables under fresh names on DynamoDB Local and returns settings that name them. */
    public static FunctionsConfig freshTables() {
        return freshTables(client());
    }

    /** Creates the four tables under fresh names on any DynamoDB endpoint (DynamoDB Local, LocalStack). */
    public static FunctionsConfig freshTables(DynamoDbClient dynamoDb) {
        String prefix = "t" + TABLE_SETS.incrementAndGet() + "-";
        FunctionsConfig config = FunctionsConfig.of(Map.of(
                TableSchema.STOCK.variable(), prefix + "stock",
                TableSchema.CONNECTIONS.variable(), prefix + "connections",
                TableSchema.CATALOG.variable(), prefix + "catalog",
                TableSchema.PROCESSED_EVENTS.variable(), prefix + "processed-events"));
        TableDefinitions.createAll(dynamoDb, config::tableName);
        return config;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
