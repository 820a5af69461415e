package com.stockpulse.local.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.stockpulse.functions.events.StreamEvents;
import com.stockpulse.local.testing.JsonFields;
import com.stockpulse.model.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * The JSON the local mappings hand the functions has the fields AWS's example events have (AWS docs, "Using Lambda
 * with Kinesis" and "Using Lambda with DynamoDB"), named and typed as there: a field named otherwise here would be
 * read locally and missed on AWS.
 */
class LambdaEventsTest {

    private static JsonNode json(Object event) {
        return JsonFields.parse(StreamEvents.toBytes(event));
    }

    @Test
    void kinesis_writesTheFieldsOfAwsExampleEvent_dataInBase64_andArrivalInSeconds() {
        var record = software.amazon.awssdk.services.kinesis.model.Record.builder().sequenceNumber("4959003")
                .partitionKey("sku-1").data(SdkBytes.fromUtf8String("{\"eventId\":\"e1\"}"))
                .approximateArrivalTimestamp(Instant.parse("2026-12-04T10:00:00.123Z")).build();

        JsonNode event = json(LambdaEvents.kinesis("arn:aws:kinesis:us-east-1:000000000000:stream/sale-events",
                "us-east-1", "shardId-000000000000", List.of(record)));

        JsonNode first = event.path("Records").get(0);
        assertThat(JsonFields.names(first)).containsExactlyInAnyOrder("kinesis", "eventSource", "eventVersion", "eventID",
                "eventName", "invokeIdentityArn", "awsRegion", "eventSourceARN");
        assertThat(JsonFields.names(first.get("kinesis"))).containsExactlyInAnyOrder("kinesisSchemaVersion", "partitionKey",
                "sequenceNumber", "data", "approximateArrivalTimestamp");
        assertThat(first.path("eventID").asText()).isEqualTo("shardId-000000000000:4959003");
        assertThat(first.path("kinesis").path("data").asText()).isEqualTo("eyJldmVudElkIjoiZTEifQ==");
        assertThat(first.path("kinesis").path("approximateArrivalTimestamp").decimalValue())
                .isEqualByComparingTo("1796378400.123");
    }

    @Test
    void dynamoDb_writesTheFieldsOfAwsExampleEvent_withImagesInDynamoDbJson() throws IOException {
        Map<String, AttributeValue> image = Map.of("sku", AttributeValue.fromS("sku-1"),
                "available", AttributeValue.fromN("5"), "tags", AttributeValue.fromL(List.of(AttributeValue.fromBool(true))));
        Record record = Record.builder().eventID("e1").eventName(OperationType.MODIFY).eventVersion("1.1")
                .dynamodb(StreamRecord.builder().approximateCreationDateTime(Instant.parse("2026-12-04T10:00:00Z"))
                        .keys(Map.of("sku", AttributeValue.fromS("sku-1"))).newImage(image).oldImage(image)
                        .sequenceNumber("100").sizeBytes(42L).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)
                        .build())
                .build();

        JsonNode event = json(LambdaEvents.dynamoDb("arn:aws:dynamodb:us-east-1:000000000000:table/stock/stream/x",
                "us-east-1", List.of(record)));

        JsonNode first = event.path("Records").get(0);
        assertThat(JsonFields.names(first)).containsExactlyInAnyOrder("eventID", "eventName", "eventVersion", "eventSource",
                "awsRegion", "dynamodb", "eventSourceARN");
        assertThat(JsonFields.names(first.get("dynamodb"))).containsExactlyInAnyOrder("ApproximateCreationDateTime", "Keys",
                "NewImage", "OldImage", "SequenceNumber", "SizeBytes", "StreamViewType");
        assertThat(first.path("eventName").asText()).isEqualTo("MODIFY");
        assertThat(first.path("dynamodb").path("ApproximateCreationDateTime").asLong()).isEqualTo(1796378400L);
        assertThat(first.path("dynamodb").path("NewImage").path("available")).isEqualTo(Json.mapper().readTree("{\"N\":\"5\"}"));
        assertThat(first.path("dynamodb").path("NewImage").path("tags"))
                .isEqualTo(Json.mapper().readTree("{\"L\":[{\"BOOL\":true}]}"));
    }
}
