package com.stockpulse.functions.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import com.stockpulse.functions.config.FunctionsConfig;
import com.stockpulse.functions.messaging.InMemoryConnectionMessenger;
import com.stockpulse.functions.store.Connection;
import com.stockpulse.functions.store.PageDirectory;
import com.stockpulse.functions.store.dynamodb.DynamoDbCatalogStore;
import com.stockpulse.functions.store.dynamodb.DynamoDbConnectionStore;
import com.stockpulse.functions.testing.LocalDynamoDb;
import com.stockpulse.model.PageKey;
import com.stockpulse.model.StockLevel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Fan-out with its connections in DynamoDB Local: the 410 clean-up deletes exactly the gone viewers' rows. */
class StockFanOutIT {

    @Test
    void fanOut_whenFiftyOfAThousandViewersAreGone_deletesExactlyTheirRowsInDynamoDb() {
        DynamoDbClient dynamoDb = LocalDynamoDb.client();
        FunctionsConfig tables = LocalDynamoDb.freshTables();
        DynamoDbConnectionStore connections = new DynamoDbConnectionStore(dynamoDb, tables.connectionsTable(), 2);
        PageKey page = PageKey.product("sku-a");
        Instant now = Instant.now();
        List<String> viewers = IntStream.range(0, 1_000).mapToObj(i -> "conn-" + i + "=").toList();
        viewers.parallelStream().forEach(id -> connections.add(new Connection(id, page, now.minusSeconds(60), now.plusSeconds(7200))));
        Set<String> gone = IntStream.range(0, 1_000).filter(i -> i % 20 == 3).mapToObj(viewers::get)
                .collect(Collectors.toSet());
        InMemoryConnectionMessenger messenger = InMemoryConnectionMessenger.create();
        gone.forEach(messenger::markGone);
        var stock = new com.stockpulse.functions.store.dynamodb.DynamoDbStockStore(dynamoDb, tables.stockTable(),
                tables.processedEventsTable(), tables.processedEventTtl());
        StockFanOut fanOut = new StockFanOut(new PageDirectory(new DynamoDbCatalogStore(dynamoDb, tables.catalogTable())),
                connections, stock, stock, messenger, FanOutSettings.of(16, Duration.ofSeconds(30)), Clock.systemUTC());

        FanOutReport report = fanOut.fanOut(List.of(new StockChange("1", new StockLevel("sku-a", 3, 9, now))));

        assertThat(gone).hasSize(50);
        assertThat(report.delivered()).isEqualTo(950);
        assertThat(report.failedSequenceNumbers()).isEmpty();
        Set<String> live = new HashSet<>(viewers);
        live.removeAll(gone);
        assertThat(messenger.recipients()).isEqualTo(live);
        live.forEach(id -> assertThat(messenger.messagesTo(id)).hasSize(1));
        assertThat(connections.connectionsOn(page, now)).containsExactlyInAnyOrderElementsOf(live);
        Set<String> remainingRows = dynamoDb.scanPaginator(r -> r.tableName(tables.connectionsTable())).items().stream()
                .map(item -> item.get("connectionId")).map(AttributeValue::s).collect(Collectors.toSet());
        assertThat(remainingRows).isEqualTo(live);
        Map<String, Long> rowsPerConnection = dynamoDb.scanPaginator(r -> r.tableName(tables.connectionsTable())).items()
                .stream().collect(Collectors.groupingBy(item -> item.get("connectionId").s(), Collectors.counting()));
        assertThat(rowsPerConnection.values()).containsOnly(2L);
    }
}
