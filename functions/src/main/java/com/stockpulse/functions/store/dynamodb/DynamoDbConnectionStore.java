package com.stockpulse.functions.store.dynamodb;

import static com.stockpulse.functions.store.dynamodb.Attributes.n;
import static com.stockpulse.functions.store.dynamodb.Attributes.s;

import com.stockpulse.functions.store.Connection;
import com.stockpulse.functions.store.ConnectionStore;
import com.stockpulse.functions.store.StoreUnavailableException;
import com.stockpulse.model.PageKey;
import com.stockpulse.model.Tables.Connections;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Connections in DynamoDB, two rows per connection written in one BatchWriteItem (schema in functions/STORAGE.md):
 * a page row under {@code PAGE#{page}#{shard}} that the fan-out Queries, and a connection row under
 * {@code CONN#{id}} that $disconnect and sync Query. No operation Scans.
 */
public final class DynamoDbConnectionStore implements ConnectionStore {

    /** TransactWriteItems takes at most 100 actions: 50 pages per connection is far more than a socket watches. */
    private static final int MAX_ROWS_PER_TRANSACTION = 100;
    private static final int UNPROCESSED_ATTEMPTS = 5;

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final int shards;
    private final Integer queryPageSize;

    public DynamoDbConnectionStore(DynamoDbClient dynamoDb, String table, int shards) {
        this(dynamoDb, table, shards, null);
    }

    /** {@code queryPageSize} caps items per Query page; tests set it small to prove that pagination is followed. */
    DynamoDbConnectionStore(DynamoDbClient dynamoDb, String table, int shards, Integer queryPageSize) {
        if (shards < 1) {
            throw new IllegalArgumentException("shards must be at least 1, got " + shards);
        }
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.shards = shards;
        this.queryPageSize = queryPageSize;
    }

    static String pagePartition(PageKey page, int shard) {
        return "PAGE#" + page.value() + "#" + shard;
    }

    static String connectionPartition(String connectionId) {
        return "CONN#" + connectionId;
    }

    /** Stable across JVMs: {@code String.hashCode} is specified, so every function picks the same shard. */
    int shardOf(String connectionId) {
        return Math.floorMod(connectionId.hashCode(), shards);
    }

    @Override
    public void add(Connection connection) {
        String pagePk = pagePartition(connection.page(), shardOf(connection.connectionId()));
        AttributeValue ttl = n(connection.expiresAt().getEpochSecond());
        Map<String, AttributeValue> pageRow = Map.of(
                Connections.PK, s(pagePk),
                Connections.SK, s(connection.connectionId()),
                Connections.PAGE, s(connection.page().value()),
                Connections.CONNECTION_ID, s(connection.connectionId()),
                Connections.CONNECTED_AT, s(connection.connectedAt().toString()),
                Connections.TTL, ttl);
        Map<String, AttributeValue> connectionRow = Map.of(
                Connections.PK, s(connectionPartition(connection.connectionId())),
                Connections.SK, s(pagePk),
                Connections.PAGE, s(connection.page().value()),
                Connections.CONNECTION_ID, s(connection.connectionId()),
                Connections.TTL, ttl);
        // One BatchWriteItem, not a transaction: half the write units, and an orphan row (one written, the other not)
        // harms nobody. A page row alone gets posts that answer 410 and is removed then; a connection row alone is
        // never read by the fan-out; both expire by TTL. The caller answers 503 and the browser reconnects.
        Map<String, List<WriteRequest>> pending = Map.of(table, List.of(
                WriteRequest.builder().putRequest(p -> p.item(pageRow)).build(),
                WriteRequest.builder().putRequest(p -> p.item(connectionRow)).build()));
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            if (attempt > UNPROCESSED_ATTEMPTS) {
                throw new StoreUnavailableException("storing connection " + connection.connectionId()
                        + ": DynamoDB left rows unprocessed after " + UNPROCESSED_ATTEMPTS + " attempts", null);
            }
            Map<String, List<WriteRequest>> request = pending;
            try {
                BatchWriteItemResponse response = dynamoDb.batchWriteItem(r -> r.requestItems(request));
                pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            } catch (SdkException e) {
                throw DynamoDbErrors.translate("storing connection " + connection.connectionId(), e);
            }
            if (!pending.isEmpty()) {
                Backoff.sleep(attempt);
            }
        }
    }

    @Override
    public List<PageKey> pagesOf(String connectionId) {
        return connectionRows(connectionId).stream()
                .map(row -> PageKey.parse(row.get(Connections.PAGE).s()))
                .distinct()
                .toList();
    }

    @Override
    public int remove(String connectionId) {
        return removeRows(connectionId, List.of());
    }

    @Override
    public void remove(Connection connection) {
        String pagePk = pagePartition(connection.page(), shardOf(connection.connectionId()));
        removeRows(connection.connectionId(), List.of(delete(s(pagePk), s(connection.connectionId()))));
    }

    /** Deletes {@code known} and every row found through {@code CONN#id}; counts the connection rows found. */
    private int removeRows(String connectionId, List<TransactWriteItem> known) {
        List<Map<String, AttributeValue>> rows = connectionRows(connectionId);
        LinkedHashMap<Map<String, AttributeValue>, TransactWriteItem> deletes = new LinkedHashMap<>();
        known.forEach(delete -> deletes.put(delete.delete().key(), delete));
        for (Map<String, AttributeValue> row : rows) {
            TransactWriteItem connectionRow = delete(row.get(Connections.PK), row.get(Connections.SK));
            TransactWriteItem pageRow = delete(row.get(Connections.SK), s(connectionId));
            deletes.put(connectionRow.delete().key(), connectionRow);
            deletes.put(pageRow.delete().key(), pageRow);
        }
        if (deletes.isEmpty()) {
            return 0;
        }
        List<TransactWriteItem> all = new ArrayList<>(deletes.values());
        try {
            for (int from = 0; from < all.size(); from += MAX_ROWS_PER_TRANSACTION) {
                List<TransactWriteItem> chunk = all.subList(from, Math.min(all.size(), from + MAX_ROWS_PER_TRANSACTION));
                dynamoDb.transactWriteItems(r -> r.transactItems(chunk));
            }
        } catch (SdkException e) {
            throw DynamoDbErrors.translate("removing connection " + connectionId, e);
        }
        return rows.size();
    }

    private TransactWriteItem delete(AttributeValue pk, AttributeValue sk) {
        return TransactWriteItem.builder()
                .delete(d -> d.tableName(table).key(Map.of(Connections.PK, pk, Connections.SK, sk)))
                .build();
    }

    /** Strongly consistent, so a $disconnect right after $connect still finds the rows. */
    private List<Map<String, AttributeValue>> connectionRows(String connectionId) {
        QueryRequest request = QueryRequest.builder()
                .tableName(table)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", Connections.PK))
                .expressionAttributeValues(Map.of(":pk", s(connectionPartition(connectionId))))
                .consistentRead(true)
                .build();
        try {
            List<Map<String, AttributeValue>> rows = new ArrayList<>();
            dynamoDb.queryPaginator(request).items().forEach(rows::add);
            return rows;
        } catch (SdkException e) {
            throw DynamoDbErrors.translate("reading connection " + connectionId, e);
        }
    }

    @Override
    public List<Connection> viewersOn(PageKey page, Instant now) {
        List<Connection> viewers = new ArrayList<>();
        for (int shard = 0; shard < shards; shard++) {
            // TTL deletes expired rows only eventually (often within days): hide them here. Consistent, so a viewer
            // whose $connect finished before this change was written is in the list (it syncs only after $connect).
            QueryRequest.Builder request = QueryRequest.builder()
                    .tableName(table)
                    .consistentRead(true)
                    .keyConditionExpression("#pk = :pk")
                    .filterExpression("#ttl > :now")
                    .projectionExpression("#sk, #connectedAt, #ttl")
                    .expressionAttributeNames(Map.of("#pk", Connections.PK, "#sk", Connections.SK,
                            "#connectedAt", Connections.CONNECTED_AT, "#ttl", Connections.TTL))
                    .expressionAttributeValues(Map.of(":pk", s(pagePartition(page, shard)), ":now", n(now.getEpochSecond())));
            if (queryPageSize != null) {
                request.limit(queryPageSize);
            }
            try {
                for (QueryResponse response : dynamoDb.queryPaginator(request.build())) {
                    for (Map<String, AttributeValue> item : response.items()) {
                        viewers.add(viewer(page, item));
                    }
                }
            } catch (SdkException e) {
                throw DynamoDbErrors.translate("reading connections of " + page, e);
            }
        }
        return viewers;
    }

    private static Connection viewer(PageKey page, Map<String, AttributeValue> item) {
        Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(item.get(Connections.TTL).n()));
        return new Connection(item.get(Connections.SK).s(), page, connectedAt(item.get(Connections.CONNECTED_AT)),
                expiresAt);
    }

    /** A row written without a readable connectedAt (by hand?) counts as long connected: a 410 removes it at once. */
    private static Instant connectedAt(AttributeValue value) {
        if (value == null || value.s() == null) {
            return Instant.EPOCH;
        }
        try {
            return Instant.parse(value.s());
        } catch (java.time.format.DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }
}
