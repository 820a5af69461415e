package com.stockpulse.local.dynamodb;

import com.stockpulse.functions.config.AwsClients;
import com.stockpulse.functions.config.FunctionsConfig;
import com.stockpulse.model.FunctionSetting;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * A DynamoDB (with Streams) somewhere else, such as LocalStack's, reached over HTTP by the SDK; the DynamoDB client is
 * built as the Lambda functions build theirs.
 */
public record DynamoDbEndpoint(URI endpoint, DynamoDbClient client, DynamoDbStreamsClient streamsClient)
        implements DynamoDbService {

    public static DynamoDbEndpoint at(URI endpoint, String region) {
        DynamoDbClient client = AwsClients.dynamoDb(FunctionsConfig.of(Map.of())
                .with(FunctionSetting.REGION, region).with(FunctionSetting.DYNAMODB_ENDPOINT, endpoint));
        try {
            DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder()
                    .endpointOverride(endpoint)
                    .region(Region.of(region))
                    .httpClient(UrlConnectionHttpClient.create())
                    .build();
            return new DynamoDbEndpoint(endpoint, client, streams);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            streamsClient.close();
        }
    }
}
