package com.stockpulse.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one {@link ObjectMapper} of StockPulse, configured once: unknown fields ignored (producers may add fields),
 * dates as ISO-8601 strings, duplicate keys rejected (an event with two quantities is ambiguous).
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final ObjectWriter SERVER_MESSAGE_WRITER = MAPPER.writerFor(ServerMessage.class);

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Serializes a message for browsers with its {@code type} discriminator; done once per fan-out, not per viewer. */
    public static byte[] toBytes(ServerMessage message) {
        try {
            return SERVER_MESSAGE_WRITER.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            // Our own records always serialize; failing here is a programming error.
            throw new IllegalStateException("cannot serialize " + message.getClass().getSimpleName(), e);
        }
    }

    public static String toString(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    /** Reads a JSON object, or throws {@link InvalidMessageException} saying why the text is not one. */
    static JsonNode readObject(byte[] json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidMessageException(InvalidMessageException.Problem.MALFORMED_JSON, "$",
                    "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (node == null || node.isMissingNode()) {
            throw new InvalidMessageException(InvalidMessageException.Problem.MALFORMED_JSON, "$", "empty message");
        }
        if (!node.isObject()) {
            throw new InvalidMessageException(InvalidMessageException.Problem.MALFORMED_JSON, "$",
                    "expected a JSON object, got " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        return node;
    }
}
