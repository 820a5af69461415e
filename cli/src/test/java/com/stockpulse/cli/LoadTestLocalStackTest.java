package com.stockpulse.cli;

import com.stockpulse.local.runtime.LocalSettings;
import com.stockpulse.local.runtime.LocalStackState;
import com.stockpulse.model.FunctionSetting;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;

/** What the load test takes from the running local stack's state file: its post budget, and its warm-up. */
class LoadTestLocalStackTest {

    @TempDir
    Path stateDir;

    @BeforeEach
    void pointAtTempStateDir() {
        System.setProperty("stockpulse.stateDir", stateDir.toString());
    }

    @AfterEach
    void clear() {
        System.clearProperty("stockpulse.stateDir");
    }

    private static LocalStackState state(int postBudget, boolean warmingUp) {
        return new LocalStackState(ProcessHandle.current().pid(), URI.create("http://127.0.0.1:9080"),
                URI.create("ws://127.0.0.1:9081/"), URI.create("http://127.0.0.1:9567"),
                URI.create("http://127.0.0.1:9000"), "sale-events", "us-east-1", "stock", "processed-events",
                postBudget, warmingUp);
    }

    private static Target target(Optional<LocalStackState> local) {
        return new Target("test", URI.create("ws://127.0.0.1:9081/"), "sale-events", "stock", "processed-events",
                "us-east-1", Optional.empty(), Optional.empty(), local);
    }

    @Test
    void postBudget_isTheOption_elseTheLocalStacks_elseTheCdkStacks() {
        Target local = target(Optional.of(state(3_000, false)));

        assertThat(LoadTestCommand.postBudget(9_000L, local)).isEqualTo(9_000);
        assertThat(LoadTestCommand.postBudget(null, local)).isEqualTo(3_000);
        assertThat(LoadTestCommand.postBudget(null, target(Optional.empty())))
                .isEqualTo(FunctionSetting.AWS_POST_BUDGET);
        assertThat(LoadTestCommand.postBudget(null, target(Optional.of(state(0, false)))))
                .as("a state file from before stacks recorded their budget").isEqualTo(FunctionSetting.AWS_POST_BUDGET);
    }

    @Test
    void awaitWarmUp_waitsUntilTheStateFileSaysWarm() throws Exception {
        state(4_000, true).write(LocalSettings.stateFile());
        StringWriter said = new StringWriter();

        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
            try {
                LoadTestCommand.awaitWarmUp(target(Optional.of(state(4_000, true))), new PrintWriter(said, true),
                        Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread.sleep(1_200);
        assertThat(waiting).isNotDone();

        state(4_000, false).write(LocalSettings.stateFile());

        waiting.get(5, TimeUnit.SECONDS);
        assertThat(said.toString()).contains("still warming up its JIT; waiting for it, at most 30 s");
    }

    @Test
    void awaitWarmUp_whenWarm_orNotLocal_returnsAtOnceAndSaysNothing() throws Exception {
        StringWriter said = new StringWriter();

        LoadTestCommand.awaitWarmUp(target(Optional.of(state(4_000, false))), new PrintWriter(said, true),
                Duration.ofSeconds(30));
        LoadTestCommand.awaitWarmUp(target(Optional.empty()), new PrintWriter(said, true), Duration.ofSeconds(30));

        assertThat(said.toString()).isEmpty();
    }
}
