package com.stockpulse.functions.events;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.stockpulse.model.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reads a stream function's event and writes its answer, as the bytes Lambda passes; readers built once. */
public final class StreamEvents {

    private static final ObjectReader KINESIS = Json.mapper().readerFor(KinesisBatch.class);
    private static final ObjectReader DYNAMODB = Json.mapper().readerFor(DynamoDbStreamBatch.class);
    private static final ObjectReader RESPONSE = Json.mapper().readerFor(BatchResponse.class);
    private static final ObjectWriter WRITER = Json.mapper().writer();

    /** One record of each kind, as AWS sends them: what the warm-ups read. */
    private static final String KINESIS_SAMPLE = "{\"Records\":[{\"kinesis\":{\"kinesisSchemaVersion\":\"1.0\","
            + "\"partitionKey\":\"warm-up\",\"sequenceNumber\":\"1\",\"data\":\"e30=\","
            + "\"approximateArrivalTimestamp\":1.5E9},\"eventSource\":\"aws:kinesis\",\"eventVersion\":\"1.0\","
            + "\"eventID\":\"shardId-0:1\",\"eventName\":\"aws:kinesis:record\",\"awsRegion\":\"us-east-1\"}]}";
    private static final String DYNAMODB_SAMPLE = "{\"Records\":[{\"eventID\":\"1\",\"eventName\":\"MODIFY\","
            + "\"eventVersion\":\"1.1\",\"eventSource\":\"aws:dynamodb\",\"awsRegion\":\"us-east-1\","
            + "\"dynamodb\":{\"ApproximateCreationDateTime\":1.5E9,\"Keys\":{\"sku\":{\"S\":\"warm-up\"}},"
            + "\"NewImage\":{\"available\":{\"N\":\"1\"},\"flags\":{\"L\":[{\"BOOL\":true}]}},"
            + "\"SequenceNumber\":\"1\",\"SizeBytes\":1,\"StreamViewType\":\"NEW_AND_OLD_IMAGES\"}}]}";

    private StreamEvents() {
    }

    /**
     * Reads one event and writes an answer, so Jackson builds its deserializers for these records while the function
     * initializes (and before a SnapStart snapshot), not in the first invocation. The Lambda runtime did as much for
     * the event types it mapped: it built their serializer when it loaded the handler.
     */
    public static void warmUpKinesis() {
        readKinesis(new ByteArrayInputStream(KINESIS_SAMPLE.getBytes(StandardCharsets.UTF_8)));
        toBytes(BatchResponse.failing(List.of("1")));
    }

    /** The same for the DynamoDB Streams function. */
    public static void warmUpDynamoDb() {
        readDynamoDb(new ByteArrayInputStream(DYNAMODB_SAMPLE.getBytes(StandardCharsets.UTF_8)));
        toBytes(BatchResponse.failing(List.of("1")));
    }

    public static KinesisBatch readKinesis(InputStream input) {
        return read(KINESIS, input, "a Kinesis batch");
    }

    public static DynamoDbStreamBatch readDynamoDb(InputStream input) {
        return read(DYNAMODB, input, "a DynamoDB Streams batch");
    }

    /**
     * A function's answer as an event source mapping reads it: no answer (or {@code null}) is a success, as on
     * Lambda; an answer that is not a partial batch response fails the batch.
     */
    public static BatchResponse readResponse(byte[] json) {
        try {
            BatchResponse response = json.length == 0 ? null : RESPONSE.readValue(json);
            return response == null ? new BatchResponse(null) : response;
        } catch (JacksonException e) {
            throw new IllegalStateException("the function's answer is not a partial batch response: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An event or an answer as the JSON Lambda passes. */
    public static byte[] toBytes(Object value) {
        try {
            return WRITER.writeValueAsBytes(value);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    public static void write(OutputStream output, Object value) {
        try {
            WRITER.writeValue(output, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An empty input (a test invocation without a payload) is an empty batch, as Lambda's serializer reads it. */
    private static <T> T read(ObjectReader reader, InputStream input, String what) {
        try {
            byte[] bytes = input.readAllBytes();
            T value = bytes.length == 0 ? null : reader.readValue(bytes);
            return value == null ? reader.readValue("{}") : value;
        } catch (JacksonException e) {
            throw new StreamEventMalformedException("the event is not " + what + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
