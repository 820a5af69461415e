package com.stockpulse.local.dynamodb;

import com.amazonaws.services.dynamodbv2.local.shared.access.LocalDBClient;
import com.amazonaws.services.dynamodbv2.local.shared.access.awssdkv1.client.LocalAmazonDynamoDB;
import com.amazonaws.services.dynamodbv2.local.shared.access.awssdkv1.client.LocalAmazonDynamoDBStreams;
import com.amazonaws.services.dynamodbv2.local.shared.access.awssdkv2.client.LocalDynamoDbClient;
import com.amazonaws.services.dynamodbv2.local.shared.access.awssdkv2.client.LocalDynamoDbStreamsClient;
import com.amazonaws.services.dynamodbv2.model.QueryResult;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * DynamoDB Local's own SDK v2 adapters ({@code LocalDynamoDbClient}, {@code LocalDynamoDbStreamsClient}: public
 * classes with public constructors, the ones {@code LocalDBClient.dynamoDbClient()} returns), subclassed to mend
 * two things. They convert every request and response through Jackson (v2 object, JSON, map, JSON, v1 object and
 * back), with their mapper in the protected field {@code objectMapper}:
 * <ul>
 *   <li>dates: the v1 results write them as epoch milliseconds, which the mapper reads into the v2 {@code Instant}s
 *       as seconds, so a stream record written today says it arrived in the year 58,000 (as do CreationDateTime
 *       and friends). Read as milliseconds they equal what the HTTP API returns.</li>
 *   <li>Query: four Jackson passes over every item cost about 2 ms for 100 items, more than DynamoDB Local's own
 *       work. Its result is converted here directly (items, count, keys); the request still goes through DynamoDB
 *       Local's converter (the protected field {@code queryRequestConverter}), and a Query that asks for consumed
 *       capacity takes DynamoDB Local's path unchanged.</li>
 * </ul>
 * What an upgrade of DynamoDB Local can break here: the casts of {@code LocalDBClient.amazonDynamoDB()} and
 * {@code amazonDynamoDBStreams()} (a ClassCastException at start), the protected fields and the converter's
 * signature (compilation), the date bug being fixed upstream (harmless: the setting then changes nothing) or a new
 * field in Query's result ({@code InProcessDynamoDbIT} compares whole responses with the HTTP API's).
 */
final class LocalAdapters {

    private LocalAdapters() {
    }

    static LocalDynamoDbClient dynamoDb(LocalDBClient database) {
        return new DynamoDb((LocalAmazonDynamoDB) database.amazonDynamoDB());
    }

    static LocalDynamoDbStreamsClient streams(LocalDBClient database) {
        return new Streams((LocalAmazonDynamoDBStreams) database.amazonDynamoDBStreams());
    }

    private static void millisecondDates(ObjectMapper mapper) {
        mapper.configure(DeserializationFeature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS, false);
    }

    private static final class DynamoDb extends LocalDynamoDbClient {

        private final LocalAmazonDynamoDB database;

        DynamoDb(LocalAmazonDynamoDB database) {
            super(database);
            this.database = database;
            millisecondDates(objectMapper);
        }

        @Override
        public QueryResponse query(QueryRequest request) {
            ReturnConsumedCapacity capacity = request.returnConsumedCapacity();
            if (capacity != null && capacity != ReturnConsumedCapacity.NONE) {
                return super.query(request);
            }
            QueryResult result = database.query(queryRequestConverter.toSdkV1(request, QueryRequest::toBuilder,
                    com.amazonaws.services.dynamodbv2.model.QueryRequest.class));
            return QueryResponse.builder()
                    .items(result.getItems() == null ? null : result.getItems().stream().map(LocalAdapters::item).toList())
                    .count(result.getCount())
                    .scannedCount(result.getScannedCount())
                    .lastEvaluatedKey(item(result.getLastEvaluatedKey()))
                    .build();
        }
    }

    private static final class Streams extends LocalDynamoDbStreamsClient {

        Streams(LocalAmazonDynamoDBStreams database) {
            super(database);
            millisecondDates(objectMapper);
        }
    }

    /** An SDK v1 item (as DynamoDB Local's results and exceptions carry them) as an SDK v2 item; null stays null. */
    static Map<String, AttributeValue> item(Map<String, com.amazonaws.services.dynamodbv2.model.AttributeValue> item) {
        if (item == null) {
            return null;
        }
        Map<String, AttributeValue> converted = new LinkedHashMap<>();
        item.forEach((name, value) -> converted.put(name, value(value)));
        return converted;
    }

    static AttributeValue value(com.amazonaws.services.dynamodbv2.model.AttributeValue v) {
        AttributeValue.Builder b = AttributeValue.builder();
        if (v.getS() != null) {
            b.s(v.getS());
        } else if (v.getN() != null) {
            b.n(v.getN());
        } else if (v.getB() != null) {
            b.b(bytes(v.getB()));
        } else if (v.getSS() != null) {
            b.ss(v.getSS());
        } else if (v.getNS() != null) {
            b.ns(v.getNS());
        } else if (v.getBS() != null) {
            b.bs(v.getBS().stream().map(LocalAdapters::bytes).toList());
        } else if (v.getM() != null) {
            b.m(item(v.getM()));
        } else if (v.getL() != null) {
            List<AttributeValue> list = v.getL().stream().map(LocalAdapters::value).toList();
            b.l(list);
        } else if (v.getNULL() != null) {
            b.nul(v.getNULL());
        } else if (v.getBOOL() != null) {
            b.bool(v.getBOOL());
        }
        return b.build();
    }

    private static SdkBytes bytes(ByteBuffer buffer) {
        return SdkBytes.fromByteBuffer(buffer.duplicate());
    }
}
