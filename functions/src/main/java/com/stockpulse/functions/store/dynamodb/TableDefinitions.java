package com.stockpulse.functions.store.dynamodb;

import com.stockpulse.functions.config.FunctionsConfig;
import com.stockpulse.model.Tables;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * The four tables as the AWS stack defines them (key schema, stream, TTL), for tests and the embedded runtime.
 * functions/STORAGE.md describes the same schema in words.
 */
public final class TableDefinitions {

    private TableDefinitions() {
    }

    public static CreateTableRequest stock(String name) {
        return CreateTableRequest.builder()
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute(Tables.Stock.SKU))
                .keySchema(key(Tables.Stock.SKU, KeyType.HASH))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES))
                .build();
    }

    public static CreateTableRequest connections(String name) {
        return CreateTableRequest.builder()
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute(Tables.Connections.PK), attribute(Tables.Connections.SK))
                .keySchema(key(Tables.Connections.PK, KeyType.HASH), key(Tables.Connections.SK, KeyType.RANGE))
                .build();
    }

    public static CreateTableRequest catalog(String name) {
        return CreateTableRequest.builder()
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute(Tables.Catalog.SKU), attribute(Tables.Catalog.PAGE))
                .keySchema(key(Tables.Catalog.SKU, KeyType.HASH), key(Tables.Catalog.PAGE, KeyType.RANGE))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName(Tables.Catalog.BY_PAGE_INDEX)
                        .keySchema(key(Tables.Catalog.PAGE, KeyType.HASH), key(Tables.Catalog.SKU, KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))
                        .build())
                .build();
    }

    public static CreateTableRequest processedEvents(String name) {
        return CreateTableRequest.builder()
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute(Tables.ProcessedEvents.EVENT_ID))
                .keySchema(key(Tables.ProcessedEvents.EVENT_ID, KeyType.HASH))
                .build();
    }

    /**
     * Creates the four tables that do not exist yet, waits until they are active and turns TTL on where rows
     * expire; returns whether it created any (false: a kept database had them all, TTL included).
     */
    public static boolean createAll(DynamoDbClient dynamoDb, FunctionsConfig config) {
        List<CreateTableRequest> requests = List.of(
                stock(config.stockTable()),
                connections(config.connectionsTable()),
                catalog(config.catalogTable()),
                processedEvents(config.processedEventsTable()));
        Set<String> created = new HashSet<>();
        for (CreateTableRequest request : requests) {
            try {
                dynamoDb.createTable(request);
                created.add(request.tableName());
            } catch (ResourceInUseException e) {
                // Kept from an earlier start: its schema and TTL are the ones this code set then.
            }
        }
        for (CreateTableRequest request : requests) {
            dynamoDb.waiter().waitUntilTableExists(r -> r.tableName(request.tableName()));
        }
        if (created.contains(config.connectionsTable())) {
            enableTtl(dynamoDb, config.connectionsTable(), Tables.Connections.TTL);
        }
        if (created.contains(config.processedEventsTable())) {
            enableTtl(dynamoDb, config.processedEventsTable(), Tables.ProcessedEvents.TTL);
        }
        return !created.isEmpty();
    }

    private static void enableTtl(DynamoDbClient dynamoDb, String table, String attribute) {
        dynamoDb.updateTimeToLive(r -> r.tableName(table)
                .timeToLiveSpecification(t -> t.enabled(true).attributeName(attribute)));
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
