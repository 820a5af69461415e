package com.stockpulse.model;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.function.Function;

/**
 * The stock of one SKU: {@code available} is never negative; {@code version} starts at {@link #firstVersion} when the
 * row is created and grows by one on every change, so it only ever grows, even across a row deleted and created again.
 */
public record StockLevel(String sku, long available, long version, Instant updatedAt) {

    /** See {@link #firstVersion}. */
    public static final long VERSIONS_PER_MILLI = 1_000;

    /**
     * The version a new stock row starts at: its creation time in milliseconds times {@value #VERSIONS_PER_MILLI}.
     * A row that is deleted and created again (tables recreated by a restart of the local stack, an item deleted by
     * hand on AWS) so starts above every version its previous life reached, as long as that life took fewer than
     * 1,000 writes per millisecond (DynamoDB caps an item at 1,000 writes a second): a page that keeps the highest
     * version it saw takes the new row's values instead of ignoring them. The numbers stay below 2^53 until the year
     * 2255, so JavaScript reads them exactly.
     */
    public static long firstVersion(Instant createdAt) {
        return createdAt.toEpochMilli() * VERSIONS_PER_MILLI;
    }

    /**
     * A row of the stock table as a stock level, whichever client read it (the SDK, a stream event): {@code string}
     * and {@code number} give an attribute's value as text when it is of that type (an S, an N), null when the row
     * lacks it or holds another type. Throws IllegalArgumentException naming what is wrong for a row this code did not
     * write.
     */
    public static StockLevel fromRow(Function<String, String> string, Function<String, String> number) {
        String sku = required(string, Tables.Stock.SKU, null);
        String available = required(number, Tables.Stock.AVAILABLE, sku);
        String version = required(number, Tables.Stock.VERSION, sku);
        String updatedAt = required(string, Tables.Stock.UPDATED_AT, sku);
        try {
            return new StockLevel(sku, Long.parseLong(available), Long.parseLong(version), Instant.parse(updatedAt));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new IllegalArgumentException(row(sku) + " is not a stock level: " + e.getMessage(), e);
        }
    }

    private static String required(Function<String, String> attribute, String name, String sku) {
        String value = attribute.apply(name);
        if (value == null) {
            throw new IllegalArgumentException(row(sku) + " has no " + name + " of the right type");
        }
        return value;
    }

    private static String row(String sku) {
        return sku == null ? "a stock row" : "the stock row of " + Untrusted.quote(sku);
    }

    public StockLevel {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (available < 0) {
            throw new IllegalArgumentException("available must not be negative: " + available);
        }
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative: " + version);
        }
    }
}
