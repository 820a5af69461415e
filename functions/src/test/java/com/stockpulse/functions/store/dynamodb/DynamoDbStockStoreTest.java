package com.stockpulse.functions.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stockpulse.functions.store.ApplyResult;
import com.stockpulse.functions.store.StoreFailedException;
import com.stockpulse.functions.store.StoreUnavailableException;
import com.stockpulse.model.EventType;
import com.stockpulse.model.SaleEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** The exact requests the stock store sends, and how each DynamoDB failure is classified. No I/O. */
class DynamoDbStockStoreTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final SaleEvent SALE = new SaleEvent("evt-9", EventType.SALE, "sku-a", 3, NOW, "test");

    /** Records requests; answers transactions with whatever {@code answer} supplies (null = success). */
    private static final class RecordingClient implements DynamoDbClient {
        final List<TransactWriteItemsRequest> transactions = new ArrayList<>();
        final List<PutItemRequest> puts = new ArrayList<>();
        Supplier<SdkException> answer = () -> null;

        @Override
        public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
            transactions.add(request);
            SdkException failure = answer.get();
            if (failure != null) {
                throw failure;
            }
            return TransactWriteItemsResponse.builder().build();
        }

        @Override
        public PutItemResponse putItem(PutItemRequest request) {
            puts.add(request);
            return PutItemResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {
        }
    }

    private final RecordingClient client = new RecordingClient();
    private final DynamoDbStockStore store = new DynamoDbStockStore(client, "stock", "processed", Duration.ofDays(8));

    @Test
    void apply_whenSale_sendsConditionalDedupePutAndConditionalDecrementInOneTransaction() {
        assertThat(store.apply(SALE, NOW)).isInstanceOf(ApplyResult.Applied.class);

        List<TransactWriteItem> items = client.transactions.getFirst().transactItems();
        assertThat(items).hasSize(2);
        var put = items.get(0).put();
        assertThat(put.tableName()).isEqualTo("processed");
        assertThat(put.conditionExpression()).isEqualTo("attribute_not_exists(#eventId)");
        assertThat(put.item()).containsEntry("eventId", AttributeValue.fromS("evt-9"))
                .containsEntry("outcome", AttributeValue.fromS("APPLIED"))
                .containsEntry("ttl", AttributeValue.fromN(Long.toString(NOW.plus(Duration.ofDays(8)).getEpochSecond())));
        var update = items.get(1).update();
        assertThat(update.tableName()).isEqualTo("stock");
        assertThat(update.key()).isEqualTo(Map.of("sku", AttributeValue.fromS("sku-a")));
        assertThat(update.updateExpression()).isEqualTo(
                "SET #available = #available - :q, #version = #version + :one, #updatedAt = :now, #lastEventId = :eventId");
        assertThat(update.conditionExpression()).isEqualTo("attribute_exists(#sku) AND #available >= :q");
        assertThat(update.expressionAttributeValues()).containsEntry(":q", AttributeValue.fromN("3"));
        assertThat(update.returnValuesOnConditionCheckFailure()).isEqualTo(ReturnValuesOnConditionCheckFailure.ALL_OLD);
    }

    @Test
    void apply_whenRestockOrSet_hasNoStockConditionAndStartsMissingCountersAtZero() {
        store.apply(new SaleEvent("r", EventType.RESTOCK, "sku-a", 5, NOW, "t"), NOW);
        store.apply(new SaleEvent("s", EventType.SET, "sku-a", 0, NOW, "t"), NOW);

        var restock = client.transactions.get(0).transactItems().get(1).update();
        var set = client.transactions.get(1).transactItems().get(1).update();
        assertThat(restock.conditionExpression()).isNull();
        assertThat(restock.updateExpression()).startsWith(
                "SET #available = if_not_exists(#available, :zero) + :q, #version = if_not_exists(#version, :zero) + :one");
        assertThat(set.conditionExpression()).isNull();
        assertThat(set.updateExpression()).startsWith("SET #available = :q, #version = if_not_exists(#version, :zero) + :one");
    }

    @Test
    void apply_whenStockConditionFails_rejectsAndRecordsTheRejection() {
        client.answer = () -> cancelled("None", "ConditionalCheckFailed",
                Map.of("sku", AttributeValue.fromS("sku-a"), "available", AttributeValue.fromN("2")));

        ApplyResult result = store.apply(SALE, NOW);

        assertThat(result).isEqualTo(new ApplyResult.Rejected(ApplyResult.Reason.INSUFFICIENT_STOCK, 2));
        assertThat(client.puts).singleElement().satisfies(put -> {
            assertThat(put.item()).containsEntry("outcome", AttributeValue.fromS("REJECTED"));
            assertThat(put.conditionExpression()).isEqualTo("attribute_not_exists(#eventId)");
        });
    }

    @Test
    void apply_whenDedupeConditionFails_isDuplicate() {
        client.answer = () -> cancelled("ConditionalCheckFailed", "None", null);

        assertThat(store.apply(SALE, NOW)).isInstanceOf(ApplyResult.Duplicate.class);
        assertThat(client.puts).isEmpty();
    }

    @Test
    void apply_whenTransactionConflictsOrIsThrottled_isTemporary() {
        client.answer = () -> cancelled("None", "TransactionConflict", null);
        assertThatThrownBy(() -> store.apply(SALE, NOW)).isInstanceOf(StoreUnavailableException.class);

        client.answer = () -> cancelled("ThrottlingError", "None", null);
        assertThatThrownBy(() -> store.apply(SALE, NOW)).isInstanceOf(StoreUnavailableException.class);

        client.answer = () -> ProvisionedThroughputExceededException.builder().message("slow down").build();
        assertThatThrownBy(() -> store.apply(SALE, NOW)).isInstanceOf(StoreUnavailableException.class);

        client.answer = () -> SdkClientException.create("connection reset");
        assertThatThrownBy(() -> store.apply(SALE, NOW)).isInstanceOf(StoreUnavailableException.class);

        client.answer = () -> DynamoDbException.builder().statusCode(503).message("unavailable").build();
        assertThatThrownBy(() -> store.apply(SALE, NOW)).isInstanceOf(StoreUnavailableException.class);

        client.answer = () -> DynamoDbException.builder().statusCode(400).message("Rate exceeded")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException").build()).build();
        assertThatThrownBy(() -> store.apply(SALE, NOW)).isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void apply_whenTableIsMissingOrRequestInvalid_isPermanent() {
        client.answer = () -> ResourceNotFoundException.builder().statusCode(400).message("no table").build();
        assertThatThrownBy(() -> store.apply(SALE, NOW)).isInstanceOf(StoreFailedException.class)
                .hasMessageContaining("evt-9");

        client.answer = () -> cancelled("None", "ValidationError", null);
        assertThatThrownBy(() -> store.apply(SALE, NOW)).isInstanceOf(StoreFailedException.class)
                .hasMessageContaining("ValidationError");
    }

    private static TransactionCanceledException cancelled(String dedupeCode, String stockCode,
                                                          Map<String, AttributeValue> oldItem) {
        return TransactionCanceledException.builder()
                .message("Transaction cancelled")
                .statusCode(400)
                .cancellationReasons(
                        CancellationReason.builder().code(dedupeCode).build(),
                        CancellationReason.builder().code(stockCode).item(oldItem).build())
                .build();
    }
}
