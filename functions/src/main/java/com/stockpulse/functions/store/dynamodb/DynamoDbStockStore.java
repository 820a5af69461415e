package com.stockpulse.functions.store.dynamodb;

import static com.stockpulse.functions.store.dynamodb.Attributes.n;
import static com.stockpulse.functions.store.dynamodb.Attributes.s;

import com.stockpulse.functions.store.ApplyResult;
import com.stockpulse.functions.store.StockStore;
import com.stockpulse.functions.store.StoreFailedException;
import com.stockpulse.functions.store.StoreUnavailableException;
import com.stockpulse.model.SaleEvent;
import com.stockpulse.model.StockLevel;
import com.stockpulse.model.Tables;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Stock in DynamoDB. Each event is one TransactWriteItems: a conditional Put of the dedupe row (the event id must be
 * new) and a conditional Update of the stock row (a sale needs enough units). Either both happen or neither.
 */
public final class DynamoDbStockStore implements StockStore {

    private static final String CONDITION_FAILED = "ConditionalCheckFailed";
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
    public ApplyResult apply(SaleEvent event, Instant now) {
        TransactWriteItem dedupe = TransactWriteItem.builder().put(dedupeRow(event, now, "APPLIED")).build();
        TransactWriteItem change = TransactWriteItem.builder().update(stockUpdate(event, now)).build();
        try {
            dynamoDb.transactWriteItems(r -> r.transactItems(dedupe, change));
            return new ApplyResult.Applied();
        } catch (TransactionCanceledException e) {
            return cancelled(event, now, e);
        } catch (SdkException e) {
            throw DynamoDbErrors.translate("applying event " + event.eventId(), e);
        }
    }

    private ApplyResult cancelled(SaleEvent event, Instant now, TransactionCanceledException e) {
        List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
        if (reasons.size() == 2) {
            if (CONDITION_FAILED.equals(reasons.get(0).code())) {
                return new ApplyResult.Duplicate();
            }
            if (CONDITION_FAILED.equals(reasons.get(1).code())) {
                Map<String, AttributeValue> old = reasons.get(1).item();
                ApplyResult.Rejected rejected = old == null || old.isEmpty()
                        ? new ApplyResult.Rejected(ApplyResult.Reason.UNKNOWN_SKU, 0)
                        : new ApplyResult.Rejected(ApplyResult.Reason.INSUFFICIENT_STOCK,
                                Long.parseLong(old.get(Tables.Stock.AVAILABLE).n()));
                recordRejection(event, now, rejected);
                return rejected;
            }
        }
        boolean temporary = reasons.stream().anyMatch(r -> TEMPORARY_CANCELLATIONS.contains(r.code()));
        String message = "applying event " + event.eventId() + " was cancelled: " + reasons.stream()
                .map(r -> r.code() + (r.message() == null ? "" : " (" + r.message() + ")")).toList();
        if (temporary) {
            throw new StoreUnavailableException(message, e);
        }
        throw new StoreFailedException(message, e);
    }

    /** A rejected event is recorded too, so a redelivery after a restock cannot turn a refused sale into a sale. */
    private void recordRejection(SaleEvent event, Instant now, ApplyResult.Rejected rejected) {
        Put put = dedupeRow(event, now, "REJECTED");
        Map<String, AttributeValue> item = new HashMap<>(put.item());
        item.put(Tables.ProcessedEvents.REASON, s(rejected.reason().name()));
        item.put(Tables.ProcessedEvents.AVAILABLE, n(rejected.available()));
        try {
            dynamoDb.putItem(r -> r.tableName(put.tableName()).item(item)
                    .conditionExpression(put.conditionExpression())
                    .expressionAttributeNames(put.expressionAttributeNames()));
        } catch (ConditionalCheckFailedException e) {
            // A concurrent delivery of the same event recorded it first: the outcome is the same.
            return;
        } catch (SdkException e) {
            throw DynamoDbErrors.translate("recording rejected event " + event.eventId(), e);
        }
    }

    private Put dedupeRow(SaleEvent event, Instant now, String outcome) {
        Map<String, AttributeValue> item = Map.of(
                Tables.ProcessedEvents.EVENT_ID, s(event.eventId()),
                Tables.ProcessedEvents.SKU, s(event.sku()),
                Tables.ProcessedEvents.OUTCOME, s(outcome),
                Tables.ProcessedEvents.PROCESSED_AT, s(now.toString()),
                Tables.ProcessedEvents.TTL, n(now.plus(processedEventTtl).getEpochSecond()));
        return Put.builder()
                .tableName(processedEventsTable)
                .item(item)
                .conditionExpression("attribute_not_exists(#eventId)")
                .expressionAttributeNames(Map.of("#eventId", Tables.ProcessedEvents.EVENT_ID))
                .build();
    }

    private Update stockUpdate(SaleEvent event, Instant now) {
        Map<String, String> names = new HashMap<>(Map.of(
                "#available", Tables.Stock.AVAILABLE,
                "#version", Tables.Stock.VERSION,
                "#updatedAt", Tables.Stock.UPDATED_AT,
                "#lastEventId", Tables.Stock.LAST_EVENT_ID));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":q", n(event.quantity()),
                ":one", n(1),
                ":now", s(now.toString()),
                ":eventId", s(event.eventId())));
        String tail = ", #updatedAt = :now, #lastEventId = :eventId";
        Update.Builder update = Update.builder()
                .tableName(stockTable)
                .key(Map.of(Tables.Stock.SKU, s(event.sku())))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
        switch (event.type()) {
            case SALE -> {
                names.put("#sku", Tables.Stock.SKU);
                update.updateExpression("SET #available = #available - :q, #version = #version + :one" + tail)
                        .conditionExpression("attribute_exists(#sku) AND #available >= :q");
            }
            case RESTOCK -> {
                values.put(":zero", n(0));
                update.updateExpression("SET #available = if_not_exists(#available, :zero) + :q, "
                        + "#version = if_not_exists(#version, :zero) + :one" + tail);
            }
            case SET -> {
                values.put(":zero", n(0));
                update.updateExpression("SET #available = :q, #version = if_not_exists(#version, :zero) + :one" + tail);
            }
            default -> throw new IllegalArgumentException("unknown event type " + event.type());
        }
        return update.expressionAttributeNames(names).expressionAttributeValues(values).build();
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
        if ("APPLIED".equals(item.get(Tables.ProcessedEvents.OUTCOME).s())) {
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
        List<String> unique = new ArrayList<>(new LinkedHashSet<>(skus));
        Map<String, StockLevel> found = new HashMap<>();
        for (int from = 0; from < unique.size(); from += BATCH_GET_LIMIT) {
            List<String> chunk = unique.subList(from, Math.min(unique.size(), from + BATCH_GET_LIMIT));
            List<Map<String, AttributeValue>> keys = chunk.stream()
                    .map(sku -> Map.of(Tables.Stock.SKU, s(sku))).toList();
            batchGet(keys, found);
        }
        List<StockLevel> levels = new ArrayList<>(found.size());
        for (String sku : unique) {
            StockLevel level = found.get(sku);
            if (level != null) {
                levels.add(level);
            }
        }
        return levels;
    }

    private void batchGet(List<Map<String, AttributeValue>> keys, Map<String, StockLevel> found) {
        Map<String, KeysAndAttributes> request = Map.of(stockTable, KeysAndAttributes.builder().keys(keys).build());
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
                StockLevel level = level(item);
                found.put(level.sku(), level);
            }
            request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            if (!request.isEmpty()) {
                Backoff.sleep(attempt);
            }
        }
    }

    static StockLevel level(Map<String, AttributeValue> item) {
        return new StockLevel(
                item.get(Tables.Stock.SKU).s(),
                Long.parseLong(item.get(Tables.Stock.AVAILABLE).n()),
                Long.parseLong(item.get(Tables.Stock.VERSION).n()),
                Instant.parse(item.get(Tables.Stock.UPDATED_AT).s()));
    }
}
