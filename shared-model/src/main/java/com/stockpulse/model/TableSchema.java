package com.stockpulse.model;

import java.util.Optional;

/**
 * The four tables, declared once: their key schemas (the stack creates the tables from this, and so do the local
 * runtime and the tests on DynamoDB Local) and how their deployed names reach the functions. Every key attribute is a
 * string; billing is on demand. functions/STORAGE.md says why the keys are what they are.
 */
public enum TableSchema {

    STOCK("STOCKPULSE_STOCK_TABLE", Tables.DEFAULT_STOCK_TABLE,
            Tables.Stock.SKU, null, true, null, null),
    CONNECTIONS("STOCKPULSE_CONNECTIONS_TABLE", Tables.DEFAULT_CONNECTIONS_TABLE,
            Tables.Connections.PK, Tables.Connections.SK, false, Tables.Connections.TTL, null),
    CATALOG("STOCKPULSE_CATALOG_TABLE", Tables.DEFAULT_CATALOG_TABLE,
            Tables.Catalog.SKU, Tables.Catalog.PAGE, false, null,
            new Index(Tables.Catalog.BY_PAGE_INDEX, Tables.Catalog.PAGE, Tables.Catalog.SKU)),
    PROCESSED_EVENTS("STOCKPULSE_PROCESSED_EVENTS_TABLE", Tables.DEFAULT_PROCESSED_EVENTS_TABLE,
            Tables.ProcessedEvents.EVENT_ID, null, false, Tables.ProcessedEvents.TTL, null);

    /** A global secondary index that projects the keys only. */
    public record Index(String name, String partitionKey, String sortKey) {
    }

    private final String variable;
    private final String defaultName;
    private final String partitionKey;
    private final String sortKey;
    private final boolean streamed;
    private final String ttlAttribute;
    private final Index index;

    TableSchema(String variable, String defaultName, String partitionKey, String sortKey, boolean streamed,
                String ttlAttribute, Index index) {
        this.variable = variable;
        this.defaultName = defaultName;
        this.partitionKey = partitionKey;
        this.sortKey = sortKey;
        this.streamed = streamed;
        this.ttlAttribute = ttlAttribute;
        this.index = index;
    }

    /** The environment variable that gives the functions the table's deployed name: the stack sets it. */
    public String variable() {
        return variable;
    }

    /** The name where nothing sets one: the local runtime's tables. */
    public String defaultName() {
        return defaultName;
    }

    public String partitionKey() {
        return partitionKey;
    }

    public Optional<String> sortKey() {
        return Optional.ofNullable(sortKey);
    }

    /** Whether the table has a stream of new and old images (the stock table's feeds the fan-out). */
    public boolean streamed() {
        return streamed;
    }

    /** The attribute DynamoDB expires rows by, when the table's rows expire. */
    public Optional<String> ttlAttribute() {
        return Optional.ofNullable(ttlAttribute);
    }

    public Optional<Index> index() {
        return Optional.ofNullable(index);
    }
}
