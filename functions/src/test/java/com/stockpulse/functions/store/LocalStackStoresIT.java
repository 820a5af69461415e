package com.stockpulse.functions.store;

import com.stockpulse.functions.config.FunctionsConfig;
import com.stockpulse.functions.store.dynamodb.DynamoDbCatalogStore;
import com.stockpulse.functions.store.dynamodb.DynamoDbConnectionStore;
import com.stockpulse.functions.store.dynamodb.DynamoDbStockStore;
import com.stockpulse.functions.testing.LocalDynamoDb;
import org.junit.jupiter.api.Nested;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The same contracts against LocalStack's DynamoDB. Skipped, not failed, where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackStoresIT {

    @Container
    static final LocalStackContainer LOCALSTACK =
            new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.10")).withServices("dynamodb");

    private static DynamoDbClient client() {
        return LocalDynamoDb.clientFor(LOCALSTACK.getEndpoint(), LOCALSTACK.getRegion(), LOCALSTACK.getAccessKey(),
                LOCALSTACK.getSecretKey());
    }

    @Nested
    class Stock extends StockStoreContract {
        @Override
        protected StockStore newStore() {
            DynamoDbClient client = client();
            FunctionsConfig tables = LocalDynamoDb.freshTables(client);
            return new DynamoDbStockStore(client, tables.stockTable(), tables.processedEventsTable(),
                    tables.processedEventTtl());
        }
    }

    @Nested
    class Connections extends ConnectionStoreContract {
        @Override
        protected ConnectionStore newStore() {
            DynamoDbClient client = client();
            return new DynamoDbConnectionStore(client, LocalDynamoDb.freshTables(client).connectionsTable(), 1);
        }
    }

    @Nested
    class Catalog extends CatalogStoreContract {
        @Override
        protected CatalogStore newStore() {
            DynamoDbClient client = client();
            return new DynamoDbCatalogStore(client, LocalDynamoDb.freshTables(client).catalogTable());
        }
    }
}
