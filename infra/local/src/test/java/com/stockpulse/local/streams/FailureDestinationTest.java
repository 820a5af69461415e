package com.stockpulse.local.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailureDestinationTest {

    @TempDir
    Path dir;

    @Test
    void aLongOutage_keepsEveryDocumentInTheFile_butOnlyTheRecentOnesInMemory() throws Exception {
        FailureDestination destination = new FailureDestination(dir.resolve("on-failure/sale-events.jsonl"));
        int documents = FailureDestination.KEPT_IN_MEMORY * 3;

        for (int i = 0; i < documents; i++) {
            destination.accept(Map.of("n", i));
        }

        assertThat(Files.readAllLines(destination.file())).hasSize(documents);
        assertThat(destination.count()).isEqualTo(documents);
        assertThat(destination.discarded()).hasSize(FailureDestination.KEPT_IN_MEMORY);
        assertThat(destination.discarded().getLast()).containsEntry("n", documents - 1);
    }

    @Test
    void aRestart_keepsWhatWasDiscardedBefore() throws Exception {
        Path file = dir.resolve("sale-events.jsonl");
        new FailureDestination(file).accept(Map.of("before", "restart"));

        new FailureDestination(file).accept(Map.of("after", "restart"));

        assertThat(Files.readAllLines(file)).containsExactly("{\"before\":\"restart\"}", "{\"after\":\"restart\"}");
    }
}
