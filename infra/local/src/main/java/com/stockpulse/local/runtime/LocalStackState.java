package com.stockpulse.local.runtime;

import com.fasterxml.jackson.core.JacksonException;
import com.stockpulse.local.files.WholeFile;
import com.stockpulse.model.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a running {@code stockpulse local} is, written to {@link LocalSettings#stateFile()} once it started and
 * removed when it stops, so the CLI finds it from any directory and on any ports. A file whose process is gone (a
 * kill -9) is stale and ignored.
 *
 * @param pid        the runtime's process id
 * @param postBudget the fan-out's posts per second, which the load test compares the frames it receives with
 * @param warmingUp  whether the start-up JIT warm-up ({@link JitWarmUp}) still runs: a load test waits for it, so it
 *                   measures the running system rather than its first seconds
 */
public record LocalStackState(long pid, URI web, URI webSocket, URI kinesis, URI dynamoDb, String stream,
                             String region, String stockTable, String processedEventsTable, int postBudget,
                             boolean warmingUp) {

    /**
     * How long a client waits at most for a warm-up to end: its limit, and a margin for the stack to write that it
     * did. The CLI reads it here rather than from {@link JitWarmUp}, which is the runtime's own.
     */
    public static final Duration WARM_UP_WAIT = JitWarmUp.LIMIT.plusSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(LocalStackState.class);

    public static LocalStackState of(LocalRuntime runtime, boolean warmingUp) {
        return new LocalStackState(ProcessHandle.current().pid(), runtime.webUrl(), runtime.webSocketUrl(),
                runtime.kinesisEndpoint(), runtime.dynamoDbEndpoint(), runtime.settings().streamName(),
                runtime.settings().region(), runtime.functionsConfig().stockTable(),
                runtime.functionsConfig().processedEventsTable(), runtime.settings().postBudget(), warmingUp);
    }

    /** Writes the file whole (a reader never sees half of it), creating its folder. */
    public void write(Path file) {
        try {
            WholeFile.write(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The stack the file names, if the file exists, parses and its process still runs. */
    public static Optional<LocalStackState> read(Path file) {
        try {
            LocalStackState state = Json.mapper().readValue(Files.readAllBytes(file), LocalStackState.class);
            return ProcessHandle.of(state.pid()).filter(ProcessHandle::isAlive).map(process -> state);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (JacksonException e) {
            LOG.warn("ignoring {}, which is not a stack state: {}", file, e.getOriginalMessage());
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Removes the file if it still names this process (another stack may have started since). */
    public static void removeIfOurs(Path file) {
        try {
            Optional<LocalStackState> state = read(file);
            if (state.isPresent() && state.get().pid() == ProcessHandle.current().pid()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("cannot remove {}: {}", file, e.toString());
        }
    }
}
