package com.stockpulse.model;

import java.util.Optional;

/**
 * The four tables' key schemas, declared once: the stack creates the tables from this, and so do the local runtime
 * and the tests (on DynamoDB Local). Every key attribute is a string; billing is on demand. functions/STORAGE.md
 * says why the keys are what they are.
 */
public enum TableSchema {

    STOCK(Tables.Stock.SKU, null, true, null, null),
    CONNECTIONS(Tables.Connections.PK, Tables.Connections.SK, false, Tables.Connections.TTL, null),
    CATALOG(Tables.Catalog.SKU, Tables.Catalog.PAGE, false, null,
            new Index(Tables.Catalog.BY_PAGE_INDEX, Tables.Catalog.PAGE, Tables.Catalog.SKU)),
    PROCESSED_EVENTS(Tables.ProcessedEvents.EVENT_ID, null, false, Tables.ProcessedEvents.TTL, null);

    /** A global secondary index that projects the keys only. */
    public record Index(String name, String partitionKey, String sortKey) {
    }

    private final String partitionKey;
    private final String sortKey;
    private final boolean streamed;
    private final String ttlAttribute;
    private final Index index;

    TableSchema(String partitionKey, String sortKey, boolean streamed, String ttlAttribute, Index index) {
        this.partitionKey = partitionKey;
        this.sortKey = sortKey;
        this.streamed = streamed;
        this.ttlAttribute = ttlAttribute;
        this.index = index;
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
