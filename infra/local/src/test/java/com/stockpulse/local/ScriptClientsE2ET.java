package com.stockpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.stockpulse.local.testing.Eventually;
import com.stockpulse.model.EventType;
import com.stockpulse.model.SaleEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;

/**
 * Scripts someone else's client wrote, unchanged, against the embedded stack: Python's websocket-client with its
 * defaults (Debian's python3-websocket, which ./run-tests installs) opens a product page's socket and syncs.
 */
class ScriptClientsE2ET {

    /** Debian's interpreter, where python3-websocket installs (a pyenv python on PATH would not see it). */
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    static Path dataDir;

    private static LocalRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = LocalRuntime.start(LocalSettings.forTests(dataDir));
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void pythonsWebsocketClient_withItsDefaultOrigin_connectsAndGetsItsSnapshot() throws Exception {
        assertThat(PYTHON).as("Debian's python3 with python3-websocket: apt-get install -y python3-websocket "
                + "(./run-tests installs it)").exists();
        SaleEvent set = new SaleEvent("py-set-1", EventType.SET, "py-1", 8, Instant.now(), "e2e");
        runtime.kinesis().putRecord(r -> r.streamName(runtime.settings().streamName())
                .partitionKey(set.partitionKey()).data(SdkBytes.fromByteArray(set.toJsonBytes())));
        Eventually.await("py-1 is set", Duration.ofSeconds(15),
                () -> runtime.wiring().stockStore().get("py-1").isPresent());
        Path script = Path.of("src/test/python/websocket_client_sync.py").toAbsolutePath();
        Path output = Files.createTempFile("websocket-client", ".out");

        Process python = new ProcessBuilder(PYTHON.toString(), script.toString(),
                runtime.webSocketUrl() + "?page=/products/py-1")
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean finished = python.waitFor(30, TimeUnit.SECONDS);
        String printed = read(output);
        if (!finished) {
            python.destroyForcibly();
        }

        assertThat(finished).as("websocket-client finished; it printed: %s", printed).isTrue();
        assertThat(python.exitValue()).as("websocket-client's exit; it printed: %s", printed).isZero();
        assertThat(printed).contains("\"type\":\"snapshot\"").contains("\"sku\":\"py-1\"").contains("\"available\":8");
    }

    private static String read(Path output) throws IOException {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
