package com.stockpulse.functions.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.stockpulse.functions.config.FunctionsConfig;
import com.stockpulse.functions.store.CatalogStore;
import com.stockpulse.functions.store.CatalogStoreContract;
import com.stockpulse.functions.store.Connection;
import com.stockpulse.functions.store.ConnectionStore;
import com.stockpulse.functions.store.ConnectionStoreContract;
import com.stockpulse.functions.store.StockStore;
import com.stockpulse.functions.store.StockStoreContract;
import com.stockpulse.functions.testing.LocalDynamoDb;
import com.stockpulse.model.PageKey;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The contracts against AWS's DynamoDB Local, in-process, with the tables the stack defines. */
class DynamoDbStoresIT {

    private static final Instant NOW = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

    @Nested
    class Stock extends StockStoreContract {
        @Override
        protected StockStore newStore() {
            FunctionsConfig tables = LocalDynamoDb.freshTables();
            return new DynamoDbStockStore(LocalDynamoDb.client(), tables.stockTable(), tables.processedEventsTable(),
                    tables.processedEventTtl());
        }
    }

    @Nested
    class Connections extends ConnectionStoreContract {
        @Override
        protected ConnectionStore newStore() {
            return new DynamoDbConnectionStore(LocalDynamoDb.client(), LocalDynamoDb.freshTables().connectionsTable(), 1);
        }
    }

    /** The same contract with one page spread over four partition keys, as a very popular page will be. */
    @Nested
    class ShardedConnections extends ConnectionStoreContract {
        @Override
        protected ConnectionStore newStore() {
            return new DynamoDbConnectionStore(LocalDynamoDb.client(), LocalDynamoDb.freshTables().connectionsTable(), 4);
        }
    }

    @Nested
    class Catalog extends CatalogStoreContract {
        @Override
        protected CatalogStore newStore() {
            return new DynamoDbCatalogStore(LocalDynamoDb.client(), LocalDynamoDb.freshTables().catalogTable());
        }
    }

    @Test
    void removeKnownConnection_whenItsConnectionRowIsMissing_stillDeletesItsPageRow() {
        DynamoDbClient client = LocalDynamoDb.client();
        String table = LocalDynamoDb.freshTables().connectionsTable();
        DynamoDbConnectionStore store = new DynamoDbConnectionStore(client, table, 2);
        PageKey page = PageKey.product("sku-orphan");
        Connection orphan = new Connection("orphan=", page, NOW, NOW.plusSeconds(7200));
        store.add(orphan);
        store.add(new Connection("kept=", page, NOW, NOW.plusSeconds(7200)));
        // As $connect leaves it when BatchWriteItem wrote the page row only.
        client.deleteItem(r -> r.tableName(table).key(java.util.Map.of(
                com.stockpulse.model.Tables.Connections.PK, Attributes.s(DynamoDbConnectionStore.connectionPartition("orphan=")),
                com.stockpulse.model.Tables.Connections.SK,
                Attributes.s(DynamoDbConnectionStore.pagePartition(page, store.shardOf("orphan="))))));
        assertThat(store.remove("orphan=")).as("unreachable through its connection row").isZero();

        store.remove(orphan);

        assertThat(store.connectionsOn(page, NOW)).containsExactly("kept=");
    }

    @Test
    void connectionsOn_followsEveryQueryPage() {
        DynamoDbClient client = LocalDynamoDb.client();
        String table = LocalDynamoDb.freshTables().connectionsTable();
        DynamoDbConnectionStore store = new DynamoDbConnectionStore(client, table, 1, 7);
        List<String> ids = IntStream.range(0, 50).mapToObj(i -> "c" + i).toList();
        PageKey busy = PageKey.product("busy");
        ids.forEach(id -> store.add(new Connection(id, busy, NOW, NOW.plusSeconds(3600))));

        assertThat(store.connectionsOn(busy, NOW)).containsExactlyInAnyOrderElementsOf(ids);
    }
}
