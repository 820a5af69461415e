package com.stockpulse.functions.config;

import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Builds the SDK clients, lean: the UrlConnection HTTP client (no Apache, no Netty), region and endpoints from
 * {@link FunctionsConfig}, credentials from the default chain. Called once per container, never per record.
 */
public final class AwsClients {

    private AwsClients() {
    }

    /**
     * DynamoDB's SDK default is 9 attempts, which holds a $connect for seconds against a throttled table. Three
     * attempts absorb a blip; beyond that the caller decides (503 to the browser, a partial batch failure).
     */
    public static DynamoDbClient dynamoDb(FunctionsConfig config) {
        FunctionsConfig.applyHttpKeepAlive(config.fanOutConcurrency());
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .httpClient(httpClient(config))
                .region(Region.of(config.region()))
                .overrideConfiguration(o -> o.retryStrategy(
                        AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(3).build()));
        config.dynamoDbEndpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** SDK retries are off: the fan-out retries 429 and 5xx itself, with jitter, against its own deadline. */
    public static ApiGatewayManagementApiClient managementApi(FunctionsConfig config) {
        FunctionsConfig.applyHttpKeepAlive(config.fanOutConcurrency());
        return ApiGatewayManagementApiClient.builder()
                .httpClient(httpClient(config))
                .region(Region.of(config.region()))
                .endpointOverride(config.managementEndpoint())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(config.httpTimeout()))
                .build();
    }

    private static SdkHttpClient httpClient(FunctionsConfig config) {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(config.httpTimeout())
                .socketTimeout(config.httpTimeout())
                .build();
    }
}
