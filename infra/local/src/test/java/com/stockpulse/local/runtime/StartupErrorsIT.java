package com.stockpulse.local.runtime;

import com.stockpulse.local.testing.TestStacks;
import com.stockpulse.local.web.LocalWebServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each way the runtime can fail to start, or break down once started, says what happened and what to do. */
class StartupErrorsIT {

    @Test
    void webServer_onATakenPort_saysSo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> LocalWebServer.start("127.0.0.1", port, LocalSettings.defaults().webDir(),
                    URI.create("ws://127.0.0.1:1/")))
                    .isInstanceOf(StartupFailedException.class).hasMessageContaining("port " + port + " is taken");
        }
    }

    @Test
    void runtime_onATakenDynamoDbPort_saysSoAndStopsWhatItStarted() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            LocalSettings settings = TestStacks.settings(java.nio.file.Files.createTempDirectory("sp"))
                    .toBuilder().dynamoDbPort(taken.getLocalPort()).build();

            assertThatThrownBy(() -> LocalRuntime.start(settings))
                    .isInstanceOf(StartupFailedException.class)
                    .hasMessageContaining("port " + taken.getLocalPort() + " is taken")
                    .hasMessageContaining("--dynamodb-port");
        }
    }

    @Test
    void runtime_whenKinesaliteDiesOnItsOwn_saysSoInsteadOfRunningOnWithoutIt() throws Exception {
        try (LocalRuntime runtime = LocalRuntime.start(TestStacks.settings(
                java.nio.file.Files.createTempDirectory("sp")))) {
            ProcessHandle kinesalite = ProcessHandle.current().children()
                    .filter(child -> child.info().commandLine().orElse("").contains("server.js"))
                    .findFirst().orElseThrow();

            kinesalite.destroyForcibly();

            org.assertj.core.api.Assertions.assertThat(runtime.brokenDown().toCompletableFuture()
                    .get(10, java.util.concurrent.TimeUnit.SECONDS)).contains("kinesalite").contains("exited on its own");
        }
    }
}
