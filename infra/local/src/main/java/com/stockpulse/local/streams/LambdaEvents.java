package com.stockpulse.local.streams;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Turns records read with the SDK into the Lambda events the mappings deliver, field by field as AWS fills them. */
public final class LambdaEvents {

    private LambdaEvents() {
    }

    public static KinesisEvent kinesis(String streamArn, String region, String shardId,
                                       List<software.amazon.awssdk.services.kinesis.model.Record> records) {
        List<KinesisEvent.KinesisEventRecord> converted = new ArrayList<>(records.size());
        for (software.amazon.awssdk.services.kinesis.model.Record record : records) {
            KinesisEvent.Record kinesis = new KinesisEvent.Record();
            kinesis.setKinesisSchemaVersion("1.0");
            kinesis.setPartitionKey(record.partitionKey());
            kinesis.setSequenceNumber(record.sequenceNumber());
            kinesis.setData(ByteBuffer.wrap(record.data().asByteArray()));
            kinesis.setApproximateArrivalTimestamp(Date.from(record.approximateArrivalTimestamp()));
            KinesisEvent.KinesisEventRecord eventRecord = new KinesisEvent.KinesisEventRecord();
            eventRecord.setKinesis(kinesis);
            eventRecord.setEventSource("aws:kinesis");
            eventRecord.setEventVersion("1.0");
            eventRecord.setEventID(shardId + ":" + record.sequenceNumber());
            eventRecord.setEventName("aws:kinesis:record");
            eventRecord.setInvokeIdentityArn("arn:aws:iam::000000000000:role/stockpulse-local");
            eventRecord.setAwsRegion(region);
            eventRecord.setEventSourceARN(streamArn);
            converted.add(eventRecord);
        }
        KinesisEvent event = new KinesisEvent();
        event.setRecords(converted);
        return event;
    }

    public static DynamodbEvent dynamoDb(String streamArn, String region,
                                         List<software.amazon.awssdk.services.dynamodb.model.Record> records) {
        List<DynamodbEvent.DynamodbStreamRecord> converted = new ArrayList<>(records.size());
        for (software.amazon.awssdk.services.dynamodb.model.Record record : records) {
            software.amazon.awssdk.services.dynamodb.model.StreamRecord source = record.dynamodb();
            StreamRecord stream = new StreamRecord();
            if (source.approximateCreationDateTime() != null) {
                stream.setApproximateCreationDateTime(Date.from(source.approximateCreationDateTime()));
            }
            stream.setKeys(map(source.keys()));
            if (source.hasNewImage()) {
                stream.setNewImage(map(source.newImage()));
            }
            if (source.hasOldImage()) {
                stream.setOldImage(map(source.oldImage()));
            }
            stream.setSequenceNumber(source.sequenceNumber());
            stream.setSizeBytes(source.sizeBytes());
            stream.setStreamViewType(com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType
                    .fromValue(source.streamViewTypeAsString()));
            DynamodbEvent.DynamodbStreamRecord eventRecord = new DynamodbEvent.DynamodbStreamRecord();
            eventRecord.setEventID(record.eventID());
            eventRecord.setEventName(record.eventNameAsString());
            eventRecord.setEventVersion(record.eventVersion());
            eventRecord.setEventSource("aws:dynamodb");
            eventRecord.setAwsRegion(region);
            eventRecord.setEventSourceARN(streamArn);
            eventRecord.setDynamodb(stream);
            converted.add(eventRecord);
        }
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(converted);
        return event;
    }

    private static Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> map(
            Map<String, AttributeValue> source) {
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> target =
                new LinkedHashMap<>();
        source.forEach((name, value) -> target.put(name, value(value)));
        return target;
    }

    private static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue value(AttributeValue value) {
        var target = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
        switch (value.type()) {
            case S -> target.setS(value.s());
            case N -> target.setN(value.n());
            case B -> target.setB(value.b().asByteBuffer());
            case SS -> target.setSS(value.ss());
            case NS -> target.setNS(value.ns());
            case BS -> target.setBS(value.bs().stream().map(bytes -> bytes.asByteBuffer()).toList());
            case M -> target.setM(map(value.m()));
            case L -> target.setL(value.l().stream().map(LambdaEvents::value).toList());
            case BOOL -> target.setBOOL(value.bool());
            case NUL -> target.setNULL(value.nul());
            default -> throw new IllegalArgumentException("unknown attribute type " + value.type());
        }
        return target;
    }

    /** The same Kinesis event with only its first {@code count} records, as a function sees them before it crashes. */
    public static KinesisEvent firstRecords(KinesisEvent event, int count) {
        KinesisEvent first = new KinesisEvent();
        first.setRecords(event.getRecords().subList(0, count));
        return first;
    }

    /** The same DynamoDB Streams event with only its first {@code count} records. */
    public static DynamodbEvent firstRecords(DynamodbEvent event, int count) {
        DynamodbEvent first = new DynamodbEvent();
        first.setRecords(event.getRecords().subList(0, count));
        return first;
    }
}
