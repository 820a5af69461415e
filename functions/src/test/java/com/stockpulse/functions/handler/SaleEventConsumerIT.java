package com.stockpulse.functions.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.stockpulse.functions.config.FunctionsConfig;
import com.stockpulse.functions.events.BatchResponse;
import com.stockpulse.functions.sales.StockApplier;
import com.stockpulse.functions.store.dynamodb.DynamoDbStockStore;
import com.stockpulse.functions.testing.Fixtures;
import com.stockpulse.functions.testing.Invoke;
import com.stockpulse.functions.testing.LocalDynamoDb;
import com.stockpulse.model.StockLevel;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The consumer against DynamoDB Local: the transaction, the dedupe rows and their TTL as AWS would store them. */
class SaleEventConsumerIT {

    @Test
    void handleRequest_whenKinesisRedeliversTheBatch_stockIsAsIfDeliveredOnce() {
        DynamoDbClient dynamoDb = LocalDynamoDb.client();
        FunctionsConfig tables = LocalDynamoDb.freshTables();
        DynamoDbStockStore store = new DynamoDbStockStore(dynamoDb, tables.stockTable(), tables.processedEventsTable(),
                tables.processedEventTtl());
        java.time.Instant now = java.time.Instant.parse("2026-11-22T10:15:30Z");
        SaleEventConsumer consumer = new SaleEventConsumer(new StockApplier(store, Clock.fixed(now, java.time.ZoneOffset.UTC)), Invocations.PLAIN);

        BatchResponse first = Invoke.stream(consumer, Fixtures.json("kinesis-sales.json"));
        BatchResponse second = Invoke.stream(consumer, Fixtures.json("kinesis-sales.json"));

        assertThat(first.batchItemFailures()).isEmpty();
        assertThat(second.batchItemFailures()).isEmpty();
        assertThat(store.get("sku-123")).get().extracting(StockLevel::available, StockLevel::version)
                .containsExactly(25L, StockLevel.firstVersion(now));
        List<Map<String, AttributeValue>> rows = dynamoDb.scan(r -> r.tableName(tables.processedEventsTable())).items();
        Map<String, String> outcomes = rows.stream().filter(item -> !item.get("eventId").s().startsWith("malformed:"))
                .collect(Collectors.toMap(item -> item.get("eventId").s(), item -> item.get("outcome").s()));
        assertThat(outcomes).containsExactlyInAnyOrderEntriesOf(Map.of(
                "evt-0001", "APPLIED", "evt-0002", "APPLIED", "evt-0003", "APPLIED", "evt-0005", "APPLIED",
                "evt-0006", "REJECTED"));
        // One write decided the whole batch: every row records the version that includes it.
        assertThat(rows).filteredOn(item -> outcomes.containsKey(item.get("eventId").s()))
                .allSatisfy(item -> assertThat(Long.parseLong(item.get("version").n())).isEqualTo(StockLevel.firstVersion(now)));
        // The two records that are not sale events are kept, each with its problem and its bytes.
        assertThat(rows).filteredOn(item -> item.get("eventId").s().startsWith("malformed:")).hasSize(2)
                .allSatisfy(item -> {
                    assertThat(item.get("reason").s()).isEqualTo("MALFORMED");
                    assertThat(item.get("problem").s()).isNotBlank();
                    assertThat(item.get("data").b().asByteArray()).isNotEmpty();
                });
        AttributeValue ttl = dynamoDb.scan(r -> r.tableName(tables.processedEventsTable())).items().getFirst().get("ttl");
        // Beyond the 7-day record age from when the consumer decided it: its clock, not the machine's.
        assertThat(Long.parseLong(ttl.n())).isGreaterThan(now.getEpochSecond() + 7 * 24 * 3600);
    }
}
