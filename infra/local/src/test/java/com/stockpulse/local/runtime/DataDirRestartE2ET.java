package com.stockpulse.local.runtime;

import com.stockpulse.local.testing.Eventually;
import com.stockpulse.local.testing.TestStacks;
import com.stockpulse.local.testing.Viewer;
import com.stockpulse.model.EventType;
import com.stockpulse.model.SaleEvent;
import com.stockpulse.model.StockLevel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code stockpulse local --data-dir}: a stack stopped and started again on the same folder has the same tables,
 * stream and checkpoints, so pages show the same numbers and sale events that were put but not yet processed when it
 * stopped are applied after the restart, once.
 */
class DataDirRestartE2ET {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dataDir;

    private LocalRuntime runtime;

    @AfterEach
    void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    private LocalRuntime start() {
        return LocalRuntime.start(TestStacks.settings(dataDir).toBuilder().keepDataIn(dataDir).build());
    }

    private void put(EventType type, String sku, long quantity) {
        SaleEvent event = new SaleEvent(UUID.randomUUID().toString(), type, sku, quantity, Instant.now(), "restart-e2e");
        runtime.kinesis().putRecord(r -> r.streamName(runtime.settings().streamName())
                .partitionKey(event.partitionKey()).data(SdkBytes.fromByteArray(event.toJsonBytes())));
    }

    private StockLevel stock(String sku) {
        return runtime.wiring().stockStore().get(sku).orElseThrow(() -> new AssertionError("no stock row for " + sku));
    }

    private void stockIs(String sku, long units) throws InterruptedException {
        Eventually.await(sku + " has " + units, WAIT, () -> runtime.wiring().stockStore().get(sku)
                .map(level -> level.available() == units).orElse(false));
    }

    @Test
    void restartOnTheSameDataDir_keepsEveryNumber_andAppliesWhatWasNotProcessedYet_once() throws Exception {
        String sku = "restart-e2e";
        runtime = start();
        put(EventType.SET, sku, 50);
        put(EventType.SALE, sku, 5);
        stockIs(sku, 45);
        StockLevel seeded = stock("sku-100");
        long versionBefore = stock(sku).version();
        // The sale mapping stops (as if the stack died between the put and the poll): the next sale waits on the stream.
        runtime.saleMapping().close();
        Thread.sleep(500);
        put(EventType.SALE, sku, 7);
        runtime.close();

        runtime = start();

        stockIs(sku, 38);
        assertThat(stock(sku).version()).as("one more version: the sale, and nothing read twice")
                .isEqualTo(versionBefore + 1);
        // The row is written inside the batch; the mapping counts the record once the batch returns.
        Eventually.await("the sale mapping done with one record", WAIT, () -> runtime.saleMapping().recordsDone() >= 1);
        assertThat(runtime.saleMapping().recordsDone()).as("the mapping went on after its checkpoint").isEqualTo(1);
        assertThat(stock("sku-100")).as("the seed is not applied over kept tables").isEqualTo(seeded);
        try (Viewer viewer = Viewer.open(runtime.webSocketUrl(), "/products/" + sku)) {
            viewer.sync();
            viewer.awaitFrame(WAIT, frame -> frame.path("type").asText().equals("snapshot")
                    && frame.path("items").path(0).path("available").asLong() == 38);
        }
        assertThat(Files.list(dataDir.resolve("checkpoints"))).extracting(path -> path.getFileName().toString())
                .contains(runtime.settings().mappings().saleEvents().name() + ".json");
    }

    @Test
    void aSecondStackOnTheSameDataDir_isRefused_andTheFirstRunsOn() throws Exception {
        runtime = start();

        assertThatThrownBy(this::start).isInstanceOf(StartupFailedException.class)
                .hasMessageContaining("another stockpulse local uses --data-dir " + dataDir);
        put(EventType.SET, "still-running", 3);
        stockIs("still-running", 3);
    }

    @Test
    void aDataDirThatIsAFile_orACorruptCheckpointFile_isAClearStartupError() throws Exception {
        Path file = Files.writeString(dataDir.resolve("a-file"), "x");
        assertThatThrownBy(() -> LocalRuntime.start(TestStacks.settings(file).toBuilder().keepDataIn(file).build()))
                .isInstanceOf(StartupFailedException.class).hasMessageContaining("--data-dir " + file);

        Files.createDirectories(dataDir.resolve("checkpoints"));
        Files.writeString(dataDir.resolve("checkpoints/sale-events.json"), "{not json");
        assertThatThrownBy(this::start).isInstanceOf(StartupFailedException.class)
                .hasMessageContaining("checkpoints/sale-events.json is not a JSON object");
    }

    @Test
    void withoutDataDir_aRestartStartsEmpty() throws Exception {
        runtime = LocalRuntime.start(TestStacks.settings(dataDir));
        put(EventType.SET, "in-memory-e2e", 5);
        stockIs("in-memory-e2e", 5);
        runtime.close();

        runtime = LocalRuntime.start(TestStacks.settings(dataDir));

        assertThat(runtime.wiring().stockStore().get("in-memory-e2e")).isEmpty();
        assertThat(dataDir.resolve("dynamodb")).doesNotExist();
        assertThat(dataDir.resolve("kinesis")).doesNotExist();
    }
}
