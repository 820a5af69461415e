package com.stockpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.stockpulse.local.chaos.Chaos;
import com.stockpulse.local.runtime.LocalRuntime;
import com.stockpulse.local.runtime.LocalSettings;
import com.stockpulse.model.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The short version of the chaos run (docs/benchmarks.md has the 100,000-event one): a stack that fails posts with
 * 5xx and 429, cuts sockets and crashes both functions mid-batch, and a load test that puts some events twice. After
 * quiescence every viewer shows the table, every sale applied exactly once, none lost.
 */
class ChaosLoadTestE2ET {

    /** Rates far above the example in docs/local-runtime.md, so a few thousand events meet every fault many times. */
    private static final Chaos FAULTS = Chaos.parse(
            "post-5xx=10%,post-429=10%,drop-socket=30%/min,crash-consumer=10%,crash-fanout=10%");

    @TempDir
    static Path dataDir;

    private static LocalRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = LocalRuntime.start(TestStacks.settings(dataDir).toBuilder().chaos(FAULTS).build());
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void underEveryFault_theViewersConvergeOnTheTable_andEachSaleAppliesExactlyOnce(@TempDir Path out) throws Exception {
        StringWriter console = new StringWriter();
        CommandLine cli = StockPulseCli.commandLine();
        cli.setOut(new PrintWriter(console, true));
        cli.setErr(new PrintWriter(console, true));

        int exit = cli.execute("loadtest", "--connections", "100", "--pages", "4", "--rate", "100/s", "--duration", "30s",
                "--ramp", "200/s", "--quiesce", "60s", "--duplicate-puts", "5%", "--out", out.toString(),
                "--ws-url", runtime.webSocketUrl().toString(),
                "--kinesis-endpoint", runtime.kinesisEndpoint().toString(),
                "--dynamodb-endpoint", runtime.dynamoDbEndpoint().toString());

        assertThat(exit).as(console.toString()).isZero();
        JsonNode result = Json.mapper().readTree(out.resolve("result.json").toFile());
        assertThat(result.path("converged").asBoolean()).as(console.toString()).isTrue();
        assertThat(result.path("eventsPut").asLong()).isGreaterThan(2_500);
        assertThat(result.path("duplicatesPut").asLong()).isPositive();
        assertThat(result.path("salesApplied").asLong()).isEqualTo(result.path("eventsPut").asLong());
        assertThat(result.path("salesWithoutProcessedRow").asLong()).isZero();
        assertThat(result.path("stockChange").asLong()).as("no sale applied twice, none lost")
                .isEqualTo(-result.path("eventsPut").asLong());
        assertThat(result.path("reconnects").asLong()).as("viewers came back after their sockets were cut").isPositive();
        assertThat(FAULTS.injected()).doesNotContain(" 0,").doesNotEndWith(" 0");
        assertThat(runtime.saleMapping().failures().count()).as("no batch of sales given up on").isZero();
    }
}
