package com.stockpulse.functions.store.dynamodb;

import static com.stockpulse.functions.store.dynamodb.Attributes.n;
import static com.stockpulse.functions.store.dynamodb.Attributes.s;

import com.stockpulse.functions.store.ApplyResult;
import com.stockpulse.functions.store.BroadcastLedger;
import com.stockpulse.functions.store.BroadcastProgress;
import com.stockpulse.functions.store.StockCommit;
import com.stockpulse.functions.store.StockConflictException;
import com.stockpulse.functions.store.StockStore;
import com.stockpulse.functions.store.StoreFailedException;
import com.stockpulse.functions.store.StoreUnavailableException;
import com.stockpulse.model.StockLevel;
import com.stockpulse.model.Tables;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Stock in DynamoDB. A commit is one TransactWriteItems: the stock row's Update (or, when only refusals were decided,
 * a ConditionCheck) on the version it was read at, and a conditional Put of a processed-event row per decided event
 * (the event id must be new). Either all happen or none.
 */
public final class DynamoDbStockStore implements StockStore, BroadcastLedger {

    private static final String CONDITION_FAILED = "ConditionalCheckFailed";
    private static final String APPLIED = "APPLIED";
    private static final String REJECTED = "REJECTED";
    private static final Set<String> TEMPORARY_CANCELLATIONS =
            Set.of("TransactionConflict", "ThrottlingError", "ProvisionedThroughputExceeded", "RequestLimitExceeded");
    /** BatchGetItem takes at most 100 keys. */
    private static final int BATCH_GET_LIMIT = 100;
    private static final int UNPROCESSED_ATTEMPTS = 5;

    private final DynamoDbClient dynamoDb;
    private final String stockTable;
    private final String processedEventsTable;
    private final Duration processedEventTtl;

    public DynamoDbStockStore(DynamoDbClient dynamoDb, String stockTable, String processedEventsTable,
                              Duration processedEventTtl) {
        this.dynamoDb = dynamoDb;
        this.stockTable = stockTable;
        this.processedEventsTable = processedEventsTable;
        this.processedEventTtl = processedEventTtl;
    }

    @Override
    public void commit(StockCommit commit) {
        List<TransactWriteItem> items = new ArrayList<>(commit.decided().size() + 1);
        items.add(commit.changesStock()
                ? TransactWriteItem.builder().update(stockUpdate(commit)).build()
                : TransactWriteItem.builder().conditionCheck(stockCheck(commit)).build());
        for (StockCommit.Decided decided : commit.decided()) {
            items.add(TransactWriteItem.builder().put(processedRow(commit, decided)).build());
        }
        try {
            // The token makes the SDK's own retry of a commit whose answer was lost a no-op that answers success,
            // instead of a conflict that would report this call's events as duplicates.
            dynamoDb.transactWriteItems(r -> r.transactItems(items).clientRequestToken(token(items)));
        } catch (TransactionCanceledException e) {
            throw cancelled(commit, e);
        } catch (SdkException e) {
            throw DynamoDbErrors.translate("writing stock of " + commit.sku(), e);
        }
    }

    /**
     * The same request always gets the same token, any other request another one: DynamoDB refuses a token reused
     * with other parameters within ten minutes (the models' text lists every table, key, condition and value).
     */
    static String token(List<TransactWriteItem> items) {
        return UUID.nameUUIDFromBytes(items.toString().getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Reasons come in the order of the items: the stock row first, then one per decided event. */
    private static RuntimeException cancelled(StockCommit commit, TransactionCanceledException e) {
        List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
        boolean rowMoved = false;
        Set<String> recorded = new LinkedHashSet<>();
        boolean temporary = false;
        for (int i = 0; i < reasons.size(); i++) {
            String code = reasons.get(i).code();
            if (CONDITION_FAILED.equals(code)) {
                if (i == 0) {
                    rowMoved = true;
                } else if (i <= commit.decided().size()) {
                    recorded.add(commit.decided().get(i - 1).event().eventId());
                }
            } else if (TEMPORARY_CANCELLATIONS.contains(code)) {
                temporary = true;
            }
        }
        if (rowMoved || !recorded.isEmpty()) {
            return new StockConflictException(commit.sku(), rowMoved, recorded);
        }
        String message = "writing stock of " + commit.sku() + " was cancelled: " + reasons.stream()
                .map(r -> r.code() + (r.message() == null ? "" : " (" + r.message() + ")")).toList();
        return temporary ? new StoreUnavailableException(message, e) : new StoreFailedException(message, e);
    }

    /** The row only moves from the version it was read at; a row read as absent must still be absent. */
    private static String rowUnchanged(StockCommit commit) {
        return commit.readVersion() == 0 ? "attribute_not_exists(#sku)" : "#version = :read";
    }

    private Update stockUpdate(StockCommit commit) {
        Map<String, String> names = new HashMap<>(Map.of(
                "#available", Tables.Stock.AVAILABLE,
                "#version", Tables.Stock.VERSION,
                "#updatedAt", Tables.Stock.UPDATED_AT,
                "#lastEventId", Tables.Stock.LAST_EVENT_ID));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":available", n(commit.next().available()),
                ":version", n(commit.next().version()),
                ":now", s(commit.next().updatedAt().toString()),
                ":eventId", s(commit.lastAppliedEventId())));
        if (commit.readVersion() == 0) {
            names.put("#sku", Tables.Stock.SKU);
        } else {
            values.put(":read", n(commit.readVersion()));
        }
        return Update.builder()
                .tableName(stockTable)
                .key(Map.of(Tables.Stock.SKU, s(commit.sku())))
                .updateExpression("SET #available = :available, #version = :version, #updatedAt = :now, "
                        + "#lastEventId = :eventId")
                .conditionExpression(rowUnchanged(commit))
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build();
    }

    private ConditionCheck stockCheck(StockCommit commit) {
        ConditionCheck.Builder check = ConditionCheck.builder()
                .tableName(stockTable)
                .key(Map.of(Tables.Stock.SKU, s(commit.sku())))
                .conditionExpression(rowUnchanged(commit));
        return commit.readVersion() == 0
                ? check.expressionAttributeNames(Map.of("#sku", Tables.Stock.SKU)).build()
                : check.expressionAttributeNames(Map.of("#version", Tables.Stock.VERSION))
                        .expressionAttributeValues(Map.of(":read", n(commit.readVersion()))).build();
    }

    /** A refused event is recorded too, so a redelivery after a restock cannot turn a refused sale into a sale. */
    private Put processedRow(StockCommit commit, StockCommit.Decided decided) {
        Instant now = commit.decidedAt();
        Map<String, AttributeValue> item = new HashMap<>(Map.of(
                Tables.ProcessedEvents.EVENT_ID, s(decided.event().eventId()),
                Tables.ProcessedEvents.SKU, s(commit.sku()),
                Tables.ProcessedEvents.PROCESSED_AT, s(now.toString()),
                Tables.ProcessedEvents.VERSION, n(commit.versionAfter()),
                Tables.ProcessedEvents.TTL, n(now.plus(processedEventTtl).getEpochSecond())));
        if (decided.result() instanceof ApplyResult.Rejected rejected) {
            item.put(Tables.ProcessedEvents.OUTCOME, s(REJECTED));
            item.put(Tables.ProcessedEvents.REASON, s(rejected.reason().name()));
            item.put(Tables.ProcessedEvents.AVAILABLE, n(rejected.available()));
        } else {
            item.put(Tables.ProcessedEvents.OUTCOME, s(APPLIED));
        }
        return Put.builder()
                .tableName(processedEventsTable)
                .item(item)
                .conditionExpression("attribute_not_exists(#eventId)")
                .expressionAttributeNames(Map.of("#eventId", Tables.ProcessedEvents.EVENT_ID))
                .build();
    }

    @Override
    public void recordMalformed(String recordId, String problem, byte[] data, Instant at) {
        String id = StockStore.malformedRecordId(recordId);
        Map<String, AttributeValue> item = Map.of(
                Tables.ProcessedEvents.EVENT_ID, s(id),
                Tables.ProcessedEvents.OUTCOME, s(REJECTED),
                Tables.ProcessedEvents.REASON, s(ApplyResult.Reason.MALFORMED.name()),
                Tables.ProcessedEvents.PROBLEM, s(problem.length() > 1_000 ? problem.substring(0, 1_000) : problem),
                Tables.ProcessedEvents.DATA, AttributeValue.fromB(SdkBytes.fromByteArray(
                        data.length > MALFORMED_BYTES_KEPT ? java.util.Arrays.copyOf(data, MALFORMED_BYTES_KEPT) : data)),
                Tables.ProcessedEvents.PROCESSED_AT, s(at.toString()),
                Tables.ProcessedEvents.TTL, n(at.plus(processedEventTtl).getEpochSecond()));
        try {
            dynamoDb.putItem(r -> r.tableName(processedEventsTable).item(item));
        } catch (SdkException e) {
            throw DynamoDbErrors.translate("keeping malformed record " + recordId, e);
        }
    }

    @Override
    public Optional<ApplyResult> outcomeOf(String eventId) {
        Map<String, AttributeValue> item;
        try {
            item = dynamoDb.getItem(r -> r.tableName(processedEventsTable).consistentRead(true)
                    .key(Map.of(Tables.ProcessedEvents.EVENT_ID, s(eventId)))).item();
        } catch (SdkException e) {
            throw DynamoDbErrors.translate("reading the outcome of event " + eventId, e);
        }
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        if (APPLIED.equals(item.get(Tables.ProcessedEvents.OUTCOME).s())) {
            return Optional.of(new ApplyResult.Applied());
        }
        AttributeValue reason = item.get(Tables.ProcessedEvents.REASON);
        AttributeValue available = item.get(Tables.ProcessedEvents.AVAILABLE);
        return Optional.of(new ApplyResult.Rejected(
                reason == null ? ApplyResult.Reason.INSUFFICIENT_STOCK : ApplyResult.Reason.valueOf(reason.s()),
                available == null ? 0 : Long.parseLong(available.n())));
    }

    @Override
    public Optional<StockLevel> get(String sku) {
        try {
            Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(stockTable)
                    .key(Map.of(Tables.Stock.SKU, s(sku))).consistentRead(true)).item();
            return item == null || item.isEmpty() ? Optional.empty() : Optional.of(level(item));
        } catch (SdkException e) {
            throw DynamoDbErrors.translate("reading stock of " + sku, e);
        }
    }

    @Override
    public List<StockLevel> getAll(Collection<String> skus) {
        return items(skus).values().stream().map(DynamoDbStockStore::level).toList();
    }

    @Override
    public Map<String, Row> rows(Collection<String> skus) {
        Map<String, Row> rows = new LinkedHashMap<>();
        items(skus).forEach((sku, item) -> rows.put(sku, new Row(level(item), progress(item))));
        return rows;
    }

    /** A row's broadcast progress; one this code did not write is a permanent store failure naming the SKU. */
    private static BroadcastProgress progress(Map<String, AttributeValue> item) {
        try {
            return BroadcastProgress.fromRow(name -> item.containsKey(name) ? item.get(name).s() : null,
                    name -> item.containsKey(name) ? item.get(name).n() : null,
                    name -> item.containsKey(name) ? item.get(name).ss() : null);
        } catch (IllegalArgumentException e) {
            throw new StoreFailedException("the broadcast progress of " + item.get(Tables.Stock.SKU)
                    + " is not one the fan-out wrote: " + e.getMessage() + "; remove its broadcast* attributes", e);
        }
    }

    /** The stock rows of those SKUs that have one, in the order given, read consistently. */
    private Map<String, Map<String, AttributeValue>> items(Collection<String> skus) {
        List<String> unique = new ArrayList<>(new LinkedHashSet<>(skus));
        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        for (int from = 0; from < unique.size(); from += BATCH_GET_LIMIT) {
            List<String> chunk = unique.subList(from, Math.min(unique.size(), from + BATCH_GET_LIMIT));
            List<Map<String, AttributeValue>> keys = chunk.stream()
                    .map(sku -> Map.of(Tables.Stock.SKU, s(sku))).toList();
            batchGet(keys, found);
        }
        Map<String, Map<String, AttributeValue>> ordered = new LinkedHashMap<>();
        for (String sku : unique) {
            if (found.containsKey(sku)) {
                ordered.put(sku, found.get(sku));
            }
        }
        return ordered;
    }

    private void batchGet(List<Map<String, AttributeValue>> keys, Map<String, Map<String, AttributeValue>> found) {
        // Consistent: a sync that reads as the last change goes out must see it (the fan-out may have missed it).
        Map<String, KeysAndAttributes> request = Map.of(stockTable,
                KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
        for (int attempt = 1; !request.isEmpty(); attempt++) {
            if (attempt > UNPROCESSED_ATTEMPTS) {
                throw new StoreUnavailableException("reading stock: DynamoDB left keys unprocessed after "
                        + UNPROCESSED_ATTEMPTS + " attempts", null);
            }
            Map<String, KeysAndAttributes> pending = request;
            BatchGetItemResponse response;
            try {
                response = dynamoDb.batchGetItem(r -> r.requestItems(pending));
            } catch (SdkException e) {
                throw DynamoDbErrors.translate("reading stock of " + keys.size() + " SKUs", e);
            }
            for (Map<String, AttributeValue> item : response.responses().getOrDefault(stockTable, List.of())) {
                found.put(item.get(Tables.Stock.SKU).s(), item);
            }
            request = response.hasUnprocessedKeys() ? consistent(response.unprocessedKeys()) : Map.of();
            if (!request.isEmpty()) {
                Backoff.sleep(attempt);
            }
        }
    }

    /** The keys DynamoDB left unprocessed, asked again as consistently as the first time. */
    private static Map<String, KeysAndAttributes> consistent(Map<String, KeysAndAttributes> unprocessed) {
        Map<String, KeysAndAttributes> again = new HashMap<>();
        unprocessed.forEach((table, keys) -> again.put(table, keys.toBuilder().consistentRead(true).build()));
        return again;
    }

    /**
     * One UpdateItem that touches only the {@code broadcast*} attributes, so the consumer's writes (which SET only the
     * stock's own) keep them; it never creates a row, and it is conditional on the progress it follows, so a
     * redelivered batch cannot move a broadcast backwards.
     */
    @Override
    public boolean save(String sku, BroadcastProgress next) {
        Map<String, String> names = new HashMap<>(Map.of("#sku", Tables.Stock.SKU, "#version", Tables.Stock.BROADCAST_VERSION,
                "#seq", Tables.Stock.BROADCAST_SEQ, "#from", Tables.Stock.BROADCAST_FROM, "#until", Tables.Stock.BROADCAST_UNTIL,
                "#owed", Tables.Stock.BROADCAST_OWED));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":version", n(next.version()), ":seq", n(next.seq())));
        List<String> set = new ArrayList<>(List.of("#version = :version", "#seq = :seq"));
        List<String> remove = new ArrayList<>();
        if (next.from() != null) {
            set.add("#from = :from");
            set.add("#until = :until");
            values.put(":from", s(next.from()));
            values.put(":until", s(next.until()));
        } else {
            remove.add("#from");
            remove.add("#until");
        }
        if (!next.owed().isEmpty()) {
            set.add("#owed = :owed");
            values.put(":owed", AttributeValue.fromSs(next.owed()));
        } else {
            remove.add("#owed");
        }
        String condition;
        if (next.seq() <= 1) {
            condition = "attribute_exists(#sku) AND attribute_not_exists(#seq)";
        } else {
            condition = "attribute_exists(#sku) AND #seq = :previous";
            values.put(":previous", n(next.seq() - 1));
        }
        String update = "SET " + String.join(", ", set) + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
        try {
            dynamoDb.updateItem(r -> r.tableName(stockTable)
                    .key(Map.of(Tables.Stock.SKU, s(sku)))
                    .updateExpression(update)
                    .conditionExpression(condition)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw DynamoDbErrors.translate("saving the broadcast progress of " + sku, e);
        }
    }

    /**
     * A stock row as a stock level. A row this code did not write (a negative {@code available} set in the console, a
     * missing attribute) is a permanent store failure naming the SKU, not an exception that escapes the handler.
     */
    public static StockLevel level(Map<String, AttributeValue> item) {
        try {
            return StockLevel.fromRow(name -> item.containsKey(name) ? item.get(name).s() : null,
                    name -> item.containsKey(name) ? item.get(name).n() : null);
        } catch (IllegalArgumentException e) {
            throw new StoreFailedException(e.getMessage() + "; fix or delete it", e);
        }
    }
}
