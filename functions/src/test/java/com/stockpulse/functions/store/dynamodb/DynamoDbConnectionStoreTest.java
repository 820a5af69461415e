package com.stockpulse.functions.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.stockpulse.model.PageKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** The exact requests the connection store sends. No I/O. */
class DynamoDbConnectionStoreTest {

    /** Records each Query and answers it with no rows. */
    private static final class RecordingClient implements DynamoDbClient {
        final List<QueryRequest> queries = new ArrayList<>();

        @Override
        public QueryResponse query(QueryRequest request) {
            queries.add(request);
            return QueryResponse.builder().items(List.of()).build();
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void connectionsOn_readsEveryShardConsistently_soAViewerConnectedBeforeTheChangeIsFound() {
        RecordingClient client = new RecordingClient();

        new DynamoDbConnectionStore(client, "connections", 3).connectionsOn(PageKey.product("sku-1"), Instant.now());

        assertThat(client.queries).hasSize(3).allSatisfy(query -> {
            assertThat(query.consistentRead()).isTrue();
            assertThat(query.indexName()).as("a base-table read: an index cannot be read consistently").isNull();
        });
    }
}
