package com.stockpulse.functions.store.dynamodb;

import com.stockpulse.model.TableSchema;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
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
 * The four tables as {@link TableSchema} declares them (the stack builds its tables from the same schema), as
 * CreateTable requests for DynamoDB Local: the embedded runtime and the tests.
 */
public final class TableDefinitions {

    private TableDefinitions() {
    }

    /** The CreateTable request for {@code table} under the deployed name {@code name}. */
    public static CreateTableRequest of(TableSchema table, String name) {
        List<String> keys = new ArrayList<>();
        keys.add(table.partitionKey());
        table.sortKey().ifPresent(keys::add);
        List<KeySchemaElement> keySchema = new ArrayList<>(List.of(key(table.partitionKey(), KeyType.HASH)));
        table.sortKey().ifPresent(sortKey -> keySchema.add(key(sortKey, KeyType.RANGE)));
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(keySchema);
        if (table.streamed()) {
            request.streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES));
        }
        table.index().ifPresent(index -> {
            keys.add(index.partitionKey());
            keys.add(index.sortKey());
            request.globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                    .indexName(index.name())
                    .keySchema(key(index.partitionKey(), KeyType.HASH), key(index.sortKey(), KeyType.RANGE))
                    .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))
                    .build());
        });
        return request.attributeDefinitions(keys.stream().distinct().map(TableDefinitions::attribute).toList()).build();
    }

    /**
     * Creates the four tables that do not exist yet, under the deployed {@code names}, waits until they are active
     * and turns TTL on where rows expire; returns whether it created any (false: a kept database had them all, TTL
     * included).
     */
    public static boolean createAll(DynamoDbClient dynamoDb, Function<TableSchema, String> names) {
        Set<TableSchema> created = EnumSet.noneOf(TableSchema.class);
        for (TableSchema table : TableSchema.values()) {
            try {
                dynamoDb.createTable(of(table, names.apply(table)));
                created.add(table);
            } catch (ResourceInUseException e) {
                // Kept from an earlier start: its schema and TTL are the ones this code set then.
            }
        }
        for (TableSchema table : TableSchema.values()) {
            dynamoDb.waiter().waitUntilTableExists(r -> r.tableName(names.apply(table)));
        }
        for (TableSchema table : created) {
            table.ttlAttribute().ifPresent(attribute -> enableTtl(dynamoDb, names.apply(table), attribute));
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
