package com.stockpulse.local.runtime;

import com.stockpulse.local.testing.Eventually;
import com.stockpulse.local.testing.TestStacks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import static org.assertj.core.api.Assertions.assertThat;

/** The JIT warm-up on a running stack: it does its work and leaves nothing of it in the user's tables. */
class JitWarmUpE2ET {

    @TempDir
    static Path dataDir;

    private static LocalRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = LocalRuntime.start(TestStacks.settings(dataDir));
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void warmUp_appliesAndBroadcastsSales_thenLeavesNoTableRowOrSocketBehind() throws Exception {
        DynamoDbClient dynamoDb = runtime.wiring().dynamoDb();
        Map<String, Integer> rowsBefore = rows(dynamoDb);

        JitWarmUp warmUp = runtime.warmUp(500, Duration.ofSeconds(5)).orElseThrow();

        assertThat(warmUp.awaitFinished(Duration.ofSeconds(60))).isTrue();
        assertThat(warmUp.salesApplied()).isPositive();
        assertThat(dynamoDb.listTables().tableNames()).containsExactlyInAnyOrderElementsOf(runtime.tableNames());
        Eventually.await("warm-up sockets closed", Duration.ofSeconds(10),
                () -> runtime.webSocketApi().openConnections() == 0);
        Eventually.await("the user's tables as they were (the warm-up's connection rows removed)",
                Duration.ofSeconds(10), () -> rows(dynamoDb).equals(rowsBefore));
    }

    private static Map<String, Integer> rows(DynamoDbClient dynamoDb) {
        Map<String, Integer> rows = new TreeMap<>();
        for (String table : runtime.tableNames()) {
            rows.put(table, dynamoDb.scan(r -> r.tableName(table)).count());
        }
        return rows;
    }
}
