package com.stockpulse.functions.logging;

import software.amazon.lambda.powertools.logging.argument.StructuredArgument;
import software.amazon.lambda.powertools.logging.argument.StructuredArguments;

/**
 * The ids a log line names, each under one key. Passed as an SLF4J argument, an id reads {@code key=value} in the
 * message and, on Lambda, is also a field of the JSON line, so CloudWatch Logs Insights can filter on it.
 */
public final class LogFields {

    private LogFields() {
    }

    public static StructuredArgument sku(String sku) {
        return StructuredArguments.entry("sku", sku);
    }

    public static StructuredArgument connection(String connectionId) {
        return StructuredArguments.entry("connection_id", connectionId);
    }

    public static StructuredArgument event(String eventId) {
        return StructuredArguments.entry("event_id", eventId);
    }

    public static StructuredArgument page(Object page) {
        return StructuredArguments.entry("page", String.valueOf(page));
    }
}
