package com.stockpulse.functions.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stockpulse.functions.store.ApplyResult;
import com.stockpulse.functions.store.StockCommit;
import com.stockpulse.functions.store.StockConflictException;
import com.stockpulse.functions.store.StoreFailedException;
import com.stockpulse.functions.store.StoreUnavailableException;
import com.stockpulse.model.EventType;
import com.stockpulse.model.SaleEvent;
import com.stockpulse.model.StockLevel;
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
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** The exact requests the stock store sends, and how each DynamoDB failure is classified. No I/O. */
class DynamoDbStockStoreTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    /** Records requests; answers transactions with whatever {@code answer} supplies (null = success). */
    private static final class RecordingClient implements DynamoDbClient {
        final List<TransactWriteItemsRequest> transactions = new ArrayList<>();
        final List<PutItemRequest> puts = new ArrayList<>();
        final List<BatchGetItemRequest> batchGets = new ArrayList<>();
        Supplier<SdkException> answer = () -> null;
        /** What the first BatchGetItem leaves unprocessed (then nothing). */
        Map<String, KeysAndAttributes> unprocessed = Map.of();

        @Override
        public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
            batchGets.add(request);
            Map<String, KeysAndAttributes> left = batchGets.size() == 1 ? unprocessed : Map.of();
            return BatchGetItemResponse.builder().responses(Map.of()).unprocessedKeys(left).build();
        }

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

    private static StockCommit commit(long readVersion, StockLevel next, StockCommit.Decided... decided) {
        return new StockCommit("sku-a", readVersion, next, List.of(decided), NOW);
    }

    private static StockCommit.Decided applied(String id) {
        return new StockCommit.Decided(new SaleEvent(id, EventType.SALE, "sku-a", 3, NOW, "t"), new ApplyResult.Applied());
    }

    private static StockCommit.Decided refused(String id) {
        return new StockCommit.Decided(new SaleEvent(id, EventType.SALE, "sku-a", 9, NOW, "t"),
                new ApplyResult.Rejected(ApplyResult.Reason.INSUFFICIENT_STOCK, 1));
    }

    private static final StockCommit SALES = commit(7, new StockLevel("sku-a", 1, 8, NOW), applied("evt-1"),
            applied("evt-2"), refused("evt-3"));

    @Test
    void commit_whenRowChanges_sendsOneUpdateOnTheReadVersionAndAConditionalPutPerEventInOneTransaction() {
        store.commit(SALES);

        List<TransactWriteItem> items = client.transactions.getFirst().transactItems();
        assertThat(items).hasSize(4);
        var update = items.get(0).update();
        assertThat(update.tableName()).isEqualTo("stock");
        assertThat(update.key()).isEqualTo(Map.of("sku", AttributeValue.fromS("sku-a")));
        assertThat(update.updateExpression()).isEqualTo(
                "SET #available = :available, #version = :version, #updatedAt = :now, #lastEventId = :eventId");
        assertThat(update.conditionExpression()).isEqualTo("#version = :read");
        assertThat(update.expressionAttributeValues()).containsEntry(":read", AttributeValue.fromN("7"))
                .containsEntry(":version", AttributeValue.fromN("8"))
                .containsEntry(":available", AttributeValue.fromN("1"))
                .containsEntry(":eventId", AttributeValue.fromS("evt-2"));
        for (int i = 1; i <= 3; i++) {
            var put = items.get(i).put();
            assertThat(put.tableName()).isEqualTo("processed");
            assertThat(put.conditionExpression()).isEqualTo("attribute_not_exists(#eventId)");
            assertThat(put.item()).containsEntry("eventId", AttributeValue.fromS("evt-" + i))
                    .containsEntry("version", AttributeValue.fromN("8"))
                    .containsEntry("ttl", AttributeValue.fromN(Long.toString(NOW.plus(Duration.ofDays(8)).getEpochSecond())));
        }
        assertThat(items.get(1).put().item()).containsEntry("outcome", AttributeValue.fromS("APPLIED"));
        assertThat(items.get(3).put().item()).containsEntry("outcome", AttributeValue.fromS("REJECTED"))
                .containsEntry("reason", AttributeValue.fromS("INSUFFICIENT_STOCK"))
                .containsEntry("available", AttributeValue.fromN("1"));
    }

    @Test
    void commit_carriesATokenThatOnlyTheSameRequestShares_soAnSdkRetryOfALostAnswerIsANoOp() {
        store.commit(SALES);
        store.commit(SALES);
        store.commit(commit(7, new StockLevel("sku-a", 0, 8, NOW), applied("evt-1"), applied("evt-2"), refused("evt-3")));

        List<String> tokens = client.transactions.stream().map(TransactWriteItemsRequest::clientRequestToken).toList();
        assertThat(tokens.get(0)).hasSize(36).isEqualTo(tokens.get(1)).isNotEqualTo(tokens.get(2));
    }

    @Test
    void commit_whenNewRow_requiresItAbsent_andWhenOnlyRefusals_onlyChecksTheRow() {
        store.commit(commit(0, new StockLevel("sku-a", 5, 1, NOW), applied("r")));
        store.commit(commit(4, null, refused("x")));

        var create = client.transactions.get(0).transactItems().get(0).update();
        assertThat(create.conditionExpression()).isEqualTo("attribute_not_exists(#sku)");
        var check = client.transactions.get(1).transactItems().get(0).conditionCheck();
        assertThat(check.tableName()).isEqualTo("stock");
        assertThat(check.conditionExpression()).isEqualTo("#version = :read");
        assertThat(check.expressionAttributeValues()).containsEntry(":read", AttributeValue.fromN("4"));
        assertThat(client.transactions.get(1).transactItems().get(1).put().item())
                .containsEntry("version", AttributeValue.fromN("4"));
    }

    @Test
    void commit_whenConditionsFail_saysWhetherTheRowMovedAndWhichEventsWereRecorded() {
        client.answer = () -> cancelled("ConditionalCheckFailed", "None", "ConditionalCheckFailed", "None");

        assertThatThrownBy(() -> store.commit(SALES)).isInstanceOfSatisfying(StockConflictException.class, e -> {
            assertThat(e.rowMoved()).isTrue();
            assertThat(e.recordedEventIds()).containsExactly("evt-2");
        });

        client.answer = () -> cancelled("None", "ConditionalCheckFailed", "None", "None");
        assertThatThrownBy(() -> store.commit(SALES)).isInstanceOfSatisfying(StockConflictException.class, e -> {
            assertThat(e.rowMoved()).isFalse();
            assertThat(e.recordedEventIds()).containsExactly("evt-1");
        });
    }

    @Test
    void commit_whenTransactionConflictsOrIsThrottled_isTemporary() {
        client.answer = () -> cancelled("TransactionConflict", "None", "None", "None");
        assertThatThrownBy(() -> store.commit(SALES)).isInstanceOf(StoreUnavailableException.class);

        client.answer = () -> cancelled("ThrottlingError", "None", "None", "None");
        assertThatThrownBy(() -> store.commit(SALES)).isInstanceOf(StoreUnavailableException.class);

        client.answer = () -> ProvisionedThroughputExceededException.builder().message("slow down").build();
        assertThatThrownBy(() -> store.commit(SALES)).isInstanceOf(StoreUnavailableException.class);

        client.answer = () -> SdkClientException.create("connection reset");
        assertThatThrownBy(() -> store.commit(SALES)).isInstanceOf(StoreUnavailableException.class);

        client.answer = () -> DynamoDbException.builder().statusCode(503).message("unavailable").build();
        assertThatThrownBy(() -> store.commit(SALES)).isInstanceOf(StoreUnavailableException.class);

        client.answer = () -> DynamoDbException.builder().statusCode(400).message("Rate exceeded")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException").build()).build();
        assertThatThrownBy(() -> store.commit(SALES)).isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void commit_whenTableIsMissingOrRequestInvalid_isPermanent() {
        client.answer = () -> ResourceNotFoundException.builder().statusCode(400).message("no table").build();
        assertThatThrownBy(() -> store.commit(SALES)).isInstanceOf(StoreFailedException.class)
                .hasMessageContaining("sku-a");

        client.answer = () -> cancelled("ValidationError", "None", "None", "None");
        assertThatThrownBy(() -> store.commit(SALES)).isInstanceOf(StoreFailedException.class)
                .hasMessageContaining("ValidationError");
    }

    private static TransactionCanceledException cancelled(String... codes) {
        return TransactionCanceledException.builder()
                .message("Transaction cancelled")
                .statusCode(400)
                .cancellationReasons(java.util.Arrays.stream(codes)
                        .map(code -> CancellationReason.builder().code(code).build()).toList())
                .build();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"negative", "missing version", "not a number"})
    void level_ofARowWrittenFromOutside_isAPermanentStoreFailureNamingTheSku(String damage) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(Map.of(
                "sku", AttributeValue.fromS("sku-100"), "available", AttributeValue.fromN("5"),
                "version", AttributeValue.fromN("3"), "updatedAt", AttributeValue.fromS(NOW.toString())));
        switch (damage) {
            case "negative" -> item.put("available", AttributeValue.fromN("-5"));
            case "missing version" -> item.remove("version");
            default -> item.put("available", AttributeValue.fromN("1e3"));
        }

        assertThatThrownBy(() -> DynamoDbStockStore.level(item))
                .isInstanceOf(StoreFailedException.class).hasMessageContaining("'sku-100'");
    }

    @Test
    void getAll_readsConsistently_evenTheKeysDynamoDbLeftUnprocessed_soASyncSeesTheLastWrite() {
        client.unprocessed = Map.of("stock", KeysAndAttributes.builder()
                .keys(List.of(Map.of("sku", AttributeValue.fromS("sku-b")))).build());

        store.getAll(List.of("sku-a", "sku-b"));

        assertThat(client.batchGets).hasSize(2).allSatisfy(request ->
                assertThat(request.requestItems().get("stock").consistentRead()).isTrue());
    }
}
