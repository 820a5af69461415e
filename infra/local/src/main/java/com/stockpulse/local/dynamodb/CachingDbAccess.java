package com.stockpulse.local.dynamodb;

import com.amazonaws.services.dynamodbv2.local.shared.access.TableInfo;
import com.amazonaws.services.dynamodbv2.local.shared.access.sqlite.SQLiteDBAccess;
import com.amazonaws.services.dynamodbv2.model.AttributeDefinition;
import com.amazonaws.services.dynamodbv2.model.BillingMode;
import com.amazonaws.services.dynamodbv2.model.GlobalSecondaryIndex;
import com.amazonaws.services.dynamodbv2.model.GlobalSecondaryIndexDescription;
import com.amazonaws.services.dynamodbv2.model.LocalSecondaryIndex;
import com.amazonaws.services.dynamodbv2.model.OnDemandThroughput;
import com.amazonaws.services.dynamodbv2.model.ProvisionedThroughput;
import com.amazonaws.services.dynamodbv2.model.StreamSpecification;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * DynamoDB Local's in-memory SQLite store, remembering each table's description between calls. DynamoDB Local reads
 * and parses a table's description from SQLite (on its one database thread) for every item it touches: in a
 * flash-sale load test that was a fifth of the runtime's CPU. The description only changes through the table
 * operations overridden here, which forget what was remembered before and after they run.
 */
final class CachingDbAccess extends SQLiteDBAccess {

    private final Map<String, TableInfo> tables = new ConcurrentHashMap<>();
    /** Moves on every table operation: a description read while one ran is not remembered. */
    private final AtomicLong generation = new AtomicLong();

    /** An in-memory database. */
    CachingDbAccess() {
    }

    /** A database in {@code file}, created if missing (DynamoDB Local's {@code -dbPath}). */
    CachingDbAccess(java.io.File file) {
        super(file);
    }

    /** Forgets every description before and after an operation that may change one. */
    private void changing(Runnable operation) {
        generation.incrementAndGet();
        tables.clear();
        try {
            operation.run();
        } finally {
            generation.incrementAndGet();
            tables.clear();
        }
    }

    @Override
    public TableInfo getTableInfo(String tableName) {
        TableInfo cached = tables.get(tableName);
        if (cached != null) {
            return cached;
        }
        long before = generation.get();
        TableInfo read = super.getTableInfo(tableName);
        if (read != null) {
            tables.put(tableName, read);
            if (generation.get() != before) {
                // A table operation ran meanwhile: what was read may be the old description.
                tables.remove(tableName, read);
            }
        }
        return read;
    }

    @Override
    public void createTable(String tableName, AttributeDefinition hashKey, AttributeDefinition rangeKey,
                            List<AttributeDefinition> attributes, List<LocalSecondaryIndex> localIndexes,
                            List<GlobalSecondaryIndex> globalIndexes, ProvisionedThroughput throughput,
                            OnDemandThroughput onDemand, BillingMode billingMode, Boolean deletionProtection,
                            StreamSpecification stream) {
        changing(() -> super.createTable(tableName, hashKey, rangeKey, attributes, localIndexes, globalIndexes,
                throughput, onDemand, billingMode, deletionProtection, stream));
    }

    @Override
    public void updateTable(String tableName, ProvisionedThroughput throughput, OnDemandThroughput onDemand,
                            BillingMode billingMode, long lastUpdate, List<AttributeDefinition> attributes,
                            List<GlobalSecondaryIndexDescription> globalIndexes, Boolean deletionProtection,
                            StreamSpecification stream) {
        changing(() -> super.updateTable(tableName, throughput, onDemand, billingMode, lastUpdate, attributes,
                globalIndexes, deletionProtection, stream));
    }

    @Override
    public void updateTable(String tableName, String timeToLive) {
        changing(() -> super.updateTable(tableName, timeToLive));
    }

    @Override
    public void deleteTable(String tableName) {
        changing(() -> super.deleteTable(tableName));
    }

    @Override
    public void createGSIColumns(String tableName, String indexName) {
        changing(() -> super.createGSIColumns(tableName, indexName));
    }

    @Override
    public void deleteGSI(String tableName, String indexName) {
        changing(() -> super.deleteGSI(tableName, indexName));
    }

    @Override
    public void backfillGSI(String tableName, String indexName) {
        changing(() -> super.backfillGSI(tableName, indexName));
    }
}
