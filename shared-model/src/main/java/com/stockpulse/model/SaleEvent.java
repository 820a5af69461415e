package com.stockpulse.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A Kinesis record on the {@code sale-events} stream (partition key = sku). {@code eventId} is the idempotency key:
 * an event is applied at most once however often Kinesis delivers it.
 */
public record SaleEvent(String eventId, EventType type, String sku, long quantity, Instant occurredAt, String source) {

    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9._:-]+");
    private static final String EVENT_TYPES =
            Arrays.stream(EventType.values()).map(Enum::name).collect(Collectors.joining(", "));

    public SaleEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(source, "source");
    }

    /** The stream's partition key: all events of one SKU land on one shard, in order. */
    public String partitionKey() {
        return sku;
    }

    public byte[] toJsonBytes() {
        return Json.toString(this).getBytes(StandardCharsets.UTF_8);
    }

    public static SaleEvent fromJson(String json) {
        return fromJson(json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Parses and validates one event. Unknown fields are ignored; anything missing or invalid throws
     * {@link InvalidMessageException} naming the field and the reason.
     */
    public static SaleEvent fromJson(byte[] json) {
        if (json.length > Limits.MAX_SALE_EVENT_BYTES) {
            throw new InvalidMessageException(InvalidMessageException.Problem.TOO_LARGE, "$",
                    "an event has at most " + Limits.MAX_SALE_EVENT_BYTES + " bytes, got " + json.length);
        }
        JsonNode node = Json.readObject(json);
        String eventId = requiredText(node, "eventId", Limits.MAX_EVENT_ID_LENGTH);
        if (!EVENT_ID.matcher(eventId).matches()) {
            throw invalid("eventId", "holds only letters, digits, '.', '_', ':' and '-'");
        }
        EventType type = eventType(requiredText(node, "type", 16));
        String sku = Sku.normalize(requiredText(node, "sku", Limits.MAX_SKU_LENGTH), "sku");
        long quantity = quantity(node, type);
        Instant occurredAt = instant(requiredText(node, "occurredAt", 64));
        String source = requiredText(node, "source", Limits.MAX_SOURCE_LENGTH);
        return new SaleEvent(eventId, type, sku, quantity, occurredAt, source);
    }

    private static String requiredText(JsonNode node, String field, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidMessageException(InvalidMessageException.Problem.MISSING_FIELD, field, "is required");
        }
        if (!value.isTextual()) {
            throw invalid(field, "must be a string, got " + typeName(value));
        }
        String text = value.textValue();
        if (text.isBlank()) {
            throw new InvalidMessageException(InvalidMessageException.Problem.MISSING_FIELD, field, "must not be empty");
        }
        if (text.length() > maxLength) {
            throw invalid(field, "has at most " + maxLength + " characters, got " + text.length());
        }
        return text;
    }

    private static EventType eventType(String text) {
        try {
            return EventType.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidMessageException(InvalidMessageException.Problem.UNKNOWN_VALUE, "type",
                    "unknown event type " + Untrusted.quote(text) + ", expected one of " + EVENT_TYPES);
        }
    }

    private static long quantity(JsonNode node, EventType type) {
        JsonNode value = node.get("quantity");
        if (value == null || value.isNull()) {
            throw new InvalidMessageException(InvalidMessageException.Problem.MISSING_FIELD, "quantity", "is required");
        }
        if (!value.isIntegralNumber()) {
            throw invalid("quantity", "must be a whole number, got " + typeName(value) + " " + value);
        }
        long min = type == EventType.SET ? 0 : 1;
        if (value.canConvertToLong() && value.longValue() < min || value.bigIntegerValue().signum() < 0) {
            throw invalid("quantity", "must be at least " + min + " for " + type + ", got " + value.asText());
        }
        if (!value.canConvertToLong() || value.longValue() > Limits.MAX_QUANTITY) {
            throw invalid("quantity", "is at most " + Limits.MAX_QUANTITY + " per event, got " + value.asText());
        }
        return value.longValue();
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid("occurredAt", "must be an ISO-8601 instant such as 2026-11-22T10:15:30Z, got " + Untrusted.quote(text));
        }
    }

    private static InvalidMessageException invalid(String field, String reason) {
        return new InvalidMessageException(InvalidMessageException.Problem.INVALID_FIELD, field, reason);
    }

    private static String typeName(JsonNode value) {
        return value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
