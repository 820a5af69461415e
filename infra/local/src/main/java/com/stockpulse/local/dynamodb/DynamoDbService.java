package com.stockpulse.local.dynamodb;

import java.net.URI;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The DynamoDB (with Streams) the local runtime keeps its tables in: {@link DynamoDbLocal} in this JVM, or the one the
 * user named with {@code --dynamodb-endpoint} ({@link DynamoDbEndpoint}).
 */
public sealed interface DynamoDbService extends AutoCloseable permits DynamoDbLocal, DynamoDbEndpoint {

    /** Where tools outside this JVM (the CLI, the AWS CLI, boto3) reach the same tables. */
    URI endpoint();

    /** DynamoDB for the runtime's own code; lives as long as the service. */
    DynamoDbClient client();

    /** DynamoDB Streams, for the stock-changes mapping; lives as long as the service. */
    DynamoDbStreamsClient streamsClient();

    @Override
    void close();
}
