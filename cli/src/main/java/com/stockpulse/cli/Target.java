package com.stockpulse.cli;

import com.stockpulse.local.runtime.LocalStackState;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisClientBuilder;

/**
 * Where the commands send events and open sockets: the embedded stack, or a deployed one. Endpoints are empty on
 * AWS, where the SDK finds them from the region; credentials come from the default chain.
 *
 * @param localStack the state file of the running {@code stockpulse local} it was found from, if any
 */
public record Target(String description, URI webSocketUrl, String streamName, String stockTable,
                     String processedEventsTable, String region, Optional<URI> kinesisEndpoint,
                     Optional<URI> dynamoDbEndpoint, Optional<LocalStackState> localStack) {

    public KinesisClient kinesis() {
        KinesisClientBuilder builder = KinesisClient.builder().region(Region.of(region))
                .httpClient(UrlConnectionHttpClient.create());
        kinesisEndpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    public DynamoDbClient dynamoDb() {
        DynamoDbClientBuilder builder = DynamoDbClient.builder().region(Region.of(region))
                .httpClient(UrlConnectionHttpClient.create());
        dynamoDbEndpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    public String kinesisDescription() {
        return kinesisEndpoint.map(URI::toString).orElse("Kinesis in " + region);
    }
}
