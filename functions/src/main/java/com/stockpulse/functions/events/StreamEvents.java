package com.stockpulse.functions.events;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.stockpulse.model.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** Reads a stream function's event and writes its answer, as the bytes Lambda passes; readers built once. */
public final class StreamEvents {

    private static final ObjectReader KINESIS = Json.mapper().readerFor(KinesisBatch.class);
    private static final ObjectReader DYNAMODB = Json.mapper().readerFor(DynamoDbStreamBatch.class);
    private static final ObjectReader RESPONSE = Json.mapper().readerFor(BatchResponse.class);
    private static final ObjectWriter WRITER = Json.mapper().writer();

    private StreamEvents() {
    }

    public static KinesisBatch readKinesis(InputStream input) {
        return read(KINESIS, input, "a Kinesis batch");
    }

    public static DynamoDbStreamBatch readDynamoDb(InputStream input) {
        return read(DYNAMODB, input, "a DynamoDB Streams batch");
    }

    public static BatchResponse readResponse(byte[] json) {
        try {
            BatchResponse response = RESPONSE.readValue(json);
            return response == null ? new BatchResponse(null) : response;
        } catch (JacksonException e) {
            throw new MalformedEventException("not a partial batch response: " + e.getOriginalMessage(), e);
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
            throw new MalformedEventException("the event is not " + what + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
