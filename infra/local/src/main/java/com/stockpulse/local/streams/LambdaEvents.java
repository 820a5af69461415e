package com.stockpulse.local.streams;

import com.stockpulse.functions.events.AttributeValue;
import com.stockpulse.functions.events.DynamoDbStreamBatch;
import com.stockpulse.functions.events.KinesisBatch;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns records read with the SDK into the events the mappings deliver, field by field as AWS fills them; the
 * pollers hand them to the functions as that JSON ({@code LocalFunctions.streamFunction}).
 */
public final class LambdaEvents {

    private LambdaEvents() {
    }

    public static KinesisBatch kinesis(String streamArn, String region, String shardId,
                                       List<software.amazon.awssdk.services.kinesis.model.Record> records) {
        List<KinesisBatch.Record> converted = new ArrayList<>(records.size());
        for (software.amazon.awssdk.services.kinesis.model.Record record : records) {
            KinesisBatch.Kinesis kinesis = new KinesisBatch.Kinesis("1.0", record.partitionKey(),
                    record.sequenceNumber(), record.data().asByteArray(), seconds(record.approximateArrivalTimestamp()));
            converted.add(new KinesisBatch.Record(kinesis, "aws:kinesis", "1.0",
                    shardId + ":" + record.sequenceNumber(), "aws:kinesis:record",
                    "arn:aws:iam::000000000000:role/stockpulse-local", region, streamArn));
        }
        return new KinesisBatch(converted);
    }

    public static DynamoDbStreamBatch dynamoDb(String streamArn, String region,
                                               List<software.amazon.awssdk.services.dynamodb.model.Record> records) {
        List<DynamoDbStreamBatch.Record> converted = new ArrayList<>(records.size());
        for (software.amazon.awssdk.services.dynamodb.model.Record record : records) {
            software.amazon.awssdk.services.dynamodb.model.StreamRecord source = record.dynamodb();
            DynamoDbStreamBatch.StreamRecord stream = new DynamoDbStreamBatch.StreamRecord(
                    source.approximateCreationDateTime() == null ? null
                            : BigDecimal.valueOf(source.approximateCreationDateTime().getEpochSecond()),
                    map(source.keys()),
                    source.hasNewImage() ? map(source.newImage()) : null,
                    source.hasOldImage() ? map(source.oldImage()) : null,
                    source.sequenceNumber(), source.sizeBytes(), source.streamViewTypeAsString());
            converted.add(new DynamoDbStreamBatch.Record(record.eventID(), record.eventNameAsString(),
                    record.eventVersion(), "aws:dynamodb", region, stream, streamArn));
        }
        return new DynamoDbStreamBatch(converted);
    }

    /** Seconds since the epoch with milliseconds, as Kinesis events carry {@code approximateArrivalTimestamp}. */
    private static BigDecimal seconds(Instant instant) {
        return instant == null ? null : BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }

    private static Map<String, AttributeValue> map(
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> source) {
        Map<String, AttributeValue> target = new LinkedHashMap<>();
        source.forEach((name, value) -> target.put(name, value(value)));
        return target;
    }

    private static AttributeValue value(software.amazon.awssdk.services.dynamodb.model.AttributeValue value) {
        return switch (value.type()) {
            case S -> AttributeValue.string(value.s());
            case N -> AttributeValue.number(value.n());
            case B -> AttributeValue.binary(value.b().asByteArray());
            case SS -> AttributeValue.strings(value.ss());
            case NS -> AttributeValue.numbers(value.ns());
            case BS -> AttributeValue.binaries(value.bs().stream().map(bytes -> bytes.asByteArray()).toList());
            case M -> AttributeValue.map(map(value.m()));
            case L -> AttributeValue.list(value.l().stream().map(LambdaEvents::value).toList());
            case BOOL -> AttributeValue.ofBool(value.bool());
            case NUL -> AttributeValue.ofNull();
            default -> throw new IllegalArgumentException("unknown attribute type " + value.type());
        };
    }

    /** The same Kinesis event with only its first {@code count} records, as a function sees them before it crashes. */
    public static KinesisBatch firstRecords(KinesisBatch event, int count) {
        return new KinesisBatch(event.records().subList(0, count));
    }

    /** The same DynamoDB Streams event with only its first {@code count} records. */
    public static DynamoDbStreamBatch firstRecords(DynamoDbStreamBatch event, int count) {
        return new DynamoDbStreamBatch(event.records().subList(0, count));
    }
}
