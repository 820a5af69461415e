package com.stockpulse.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.stockpulse.model.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The batches an event source mapping gave up on, read from what its on-failure destination holds: AWS's invocation
 * record (metadata only: shard, sequence range, batch size), one JSON value after another, as the local runtime writes its
 * {@code on-failure/*.jsonl} files, or the output of {@code aws sqs receive-message} on the stack's on-failure queue
 * ({@code {"Messages":[{"Body":"{…}"}]}}), whose bodies are those records.
 */
final class FailedBatches {

    /** Which stream a batch came from: a Kinesis stream (sale events) or the stock table's stream. */
    enum Source { KINESIS, DYNAMODB_STREAM }

    /** One failed batch: where its records are. */
    record Batch(Source source, String streamArn, String shardId, String startSequenceNumber,
                 String endSequenceNumber, int batchSize, String condition) {

        /** The stream's name, from {@code arn:aws:kinesis:{region}:{account}:stream/{name}}. */
        String streamName() {
            int slash = streamArn.indexOf("/");
            return slash < 0 ? streamArn : streamArn.substring(slash + 1);
        }
    }

    /** A line or message that is not a failure record; says where and why. */
    static final class MalformedException extends RuntimeException {
        MalformedException(String message) {
            super(message);
        }
    }

    private FailedBatches() {
    }

    /**
     * The batches in {@code reader}: JSON values one after another, one per line (JSON Lines) or pretty-printed
     * across lines, as {@code aws sqs receive-message} prints them.
     */
    static List<Batch> read(BufferedReader reader, String name) {
        List<Batch> batches = new ArrayList<>();
        int record = 1;   // the one being read, for the message when it is not JSON
        try (MappingIterator<JsonNode> values = Json.mapper().readerFor(JsonNode.class).readValues(reader)) {
            for (; values.hasNextValue(); record++) {
                String where = name + " record " + record;
                JsonNode node = values.nextValue();
                if (node == null || !node.isObject()) {
                    throw new MalformedException(where + ": not a JSON object");
                }
                if (node.has("Messages")) {
                    int message = 0;
                    for (JsonNode sqs : node.path("Messages")) {
                        message++;
                        String place = where + ", message " + message;
                        batches.add(batch(parse(text(sqs, "Body", place), place), place));
                    }
                } else {
                    batches.add(batch(node, where));
                }
            }
        } catch (JsonProcessingException e) {
            throw new MalformedException(name + " record " + record + ": not JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + name, e);
        }
        return batches;
    }

    private static JsonNode parse(String text, String where) {
        try {
            JsonNode node = Json.mapper().readTree(text);
            if (node == null || !node.isObject()) {
                throw new MalformedException(where + ": not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new MalformedException(where + ": not JSON (" + e.getOriginalMessage() + ")");
        }
    }

    private static Batch batch(JsonNode document, String where) {
        Source source;
        JsonNode info;
        if (document.has("KinesisBatchInfo")) {
            source = Source.KINESIS;
            info = document.path("KinesisBatchInfo");
        } else if (document.has("DDBStreamBatchInfo")) {
            source = Source.DYNAMODB_STREAM;
            info = document.path("DDBStreamBatchInfo");
        } else {
            throw new MalformedException(where + ": no KinesisBatchInfo or DDBStreamBatchInfo; is this an "
                    + "event source mapping's on-failure record?");
        }
        JsonNode size = info.path("batchSize");
        if (!size.isInt() || size.intValue() < 1) {
            throw new MalformedException(where + ": batchSize is missing or not a positive number");
        }
        return new Batch(source, text(info, "streamArn", where), text(info, "shardId", where),
                text(info, "startSequenceNumber", where), text(info, "endSequenceNumber", where), size.intValue(),
                document.path("requestContext").path("condition").asText("unknown"));
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.textValue().isBlank()) {
            throw new MalformedException(where + ": " + field + " is missing or not text");
        }
        return value.textValue();
    }
}
