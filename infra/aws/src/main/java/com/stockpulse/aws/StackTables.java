package com.stockpulse.aws;

import com.stockpulse.model.TableSchema;
import java.util.EnumMap;
import java.util.Map;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.constructs.Construct;

/**
 * The four tables, built from {@link TableSchema} (the local runtime creates its tables from the same schema). What
 * only AWS has is decided here: the stock and the catalog are the shop's data, kept when the stack is deleted, and
 * the stock can be restored to any second of the last 35 days; connections and processed events are rebuilt by use.
 */
final class StackTables {

    private StackTables() {
    }

    /** In enum order, so the template is the same on every synth. */
    static Map<TableSchema, Table> create(Construct scope) {
        Map<TableSchema, Table> tables = new EnumMap<>(TableSchema.class);
        for (TableSchema schema : TableSchema.values()) {
            tables.put(schema, table(scope, schema));
        }
        return tables;
    }

    /** The construct id; the stack's outputs name each table after it ({@code StockTableName}, ...). */
    static String constructId(TableSchema schema) {
        return switch (schema) {
            case STOCK -> "StockTable";
            case CONNECTIONS -> "ConnectionsTable";
            case CATALOG -> "CatalogTable";
            case PROCESSED_EVENTS -> "ProcessedEventsTable";
        };
    }

    private static Table table(Construct scope, TableSchema schema) {
        boolean shopData = schema == TableSchema.STOCK || schema == TableSchema.CATALOG;
        Table.Builder table = Table.Builder.create(scope, constructId(schema))
                .partitionKey(string(schema.partitionKey()))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .removalPolicy(shopData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY);
        schema.sortKey().ifPresent(key -> table.sortKey(string(key)));
        schema.ttlAttribute().ifPresent(table::timeToLiveAttribute);
        if (schema.streamed()) {
            table.stream(StreamViewType.NEW_AND_OLD_IMAGES);
        }
        if (schema == TableSchema.STOCK) {
            table.pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                    .pointInTimeRecoveryEnabled(true).build());
        }
        Table built = table.build();
        schema.index().ifPresent(index -> built.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(index.name())
                .partitionKey(string(index.partitionKey()))
                .sortKey(string(index.sortKey()))
                .projectionType(ProjectionType.KEYS_ONLY)
                .build()));
        return built;
    }

    private static Attribute string(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }
}
