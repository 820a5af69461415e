package com.stockpulse.cli;

import com.stockpulse.model.StockLevel;
import com.stockpulse.model.Tables;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/** The load test's reads of the stock and processed-events tables: consistent, batched, retrying what is left. */
final class RunTables implements AutoCloseable {

    /** BatchGetItem takes at most 100 keys. */
    static final int BATCH_GET_KEYS = 100;
    private static final int UNPROCESSED_ATTEMPTS = 10;
    static final String APPLIED = "APPLIED";

    /** What the consumer recorded for one event: APPLIED or REJECTED, the version and when it wrote it. */
    record Processed(String outcome, long version, long processedAtMillis) {
        boolean applied() {
            return APPLIED.equals(outcome);
        }
    }

    private final DynamoDbClient dynamoDb;
    private final Target target;

    RunTables(Target target) {
        this.target = target;
        this.dynamoDb = target.dynamoDb();
    }

    /** The stock rows of the SKUs that have one, read as the functions read them. */
    Map<String, StockLevel> stock(List<String> skus) throws InterruptedException {
        Map<String, StockLevel> rows = new HashMap<>();
        for (Map<String, AttributeValue> item : batchGet(target.stockTable(), Tables.Stock.SKU, skus,
                Map.of("#k", Tables.Stock.SKU, "#a", Tables.Stock.AVAILABLE, "#v", Tables.Stock.VERSION,
                        "#u", Tables.Stock.UPDATED_AT))) {
            StockLevel level = level(item);
            rows.put(level.sku(), level);
        }
        return rows;
    }

    /** A stock row as the functions read it ({@link StockLevel#fromRow}); one they did not write says so. */
    private static StockLevel level(Map<String, AttributeValue> item) {
        try {
            return StockLevel.fromRow(name -> item.containsKey(name) ? item.get(name).s() : null,
                    name -> item.containsKey(name) ? item.get(name).n() : null);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage() + "; fix or delete it", e);
        }
    }

    /** The processed-event rows of the events that have one, by event id. */
    Map<String, Processed> processed(List<String> eventIds) throws InterruptedException {
        Map<String, Processed> rows = new HashMap<>();
        for (Map<String, AttributeValue> item : batchGet(target.processedEventsTable(), Tables.ProcessedEvents.EVENT_ID,
                eventIds, Map.of("#k", Tables.ProcessedEvents.EVENT_ID, "#o", Tables.ProcessedEvents.OUTCOME,
                        "#v", Tables.ProcessedEvents.VERSION, "#p", Tables.ProcessedEvents.PROCESSED_AT))) {
            AttributeValue version = item.get(Tables.ProcessedEvents.VERSION);
            rows.put(item.get(Tables.ProcessedEvents.EVENT_ID).s(), new Processed(
                    item.get(Tables.ProcessedEvents.OUTCOME).s(),
                    version == null ? -1 : Long.parseLong(version.n()),
                    Instant.parse(item.get(Tables.ProcessedEvents.PROCESSED_AT).s()).toEpochMilli()));
        }
        return rows;
    }

    /** Reads the items of these keys, 100 a call, projected on the attributes named #…. */
    private List<Map<String, AttributeValue>> batchGet(String table, String keyAttribute, List<String> keys,
                                                       Map<String, String> projection) throws InterruptedException {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        String expression = String.join(", ", projection.keySet());
        for (int from = 0; from < keys.size(); from += BATCH_GET_KEYS) {
            List<Map<String, AttributeValue>> chunk = keys.subList(from, Math.min(keys.size(), from + BATCH_GET_KEYS))
                    .stream().map(key -> Map.of(keyAttribute, AttributeValue.fromS(key))).toList();
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(chunk)
                    .consistentRead(true).projectionExpression(expression).expressionAttributeNames(projection).build());
            for (int attempt = 1; !request.isEmpty(); attempt++) {
                if (attempt > UNPROCESSED_ATTEMPTS) {
                    throw new UnreachableEndpointException("DynamoDB left keys of " + table + " unprocessed after "
                            + UNPROCESSED_ATTEMPTS + " attempts", null);
                }
                Map<String, KeysAndAttributes> pending = request;
                BatchGetItemResponse response = dynamoDb.batchGetItem(r -> r.requestItems(pending));
                items.addAll(response.responses().getOrDefault(table, List.of()));
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
                if (!request.isEmpty()) {
                    // Unprocessed keys mean throttling: back off exponentially, capped at 2 s.
                    Thread.sleep(Math.min(2_000, 25L << attempt));
                }
            }
        }
        return items;
    }

    @Override
    public void close() {
        dynamoDb.close();
    }
}
