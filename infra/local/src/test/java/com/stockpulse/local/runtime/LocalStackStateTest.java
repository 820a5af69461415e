package com.stockpulse.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackStateTest {

    @TempDir
    Path dir;

    private static LocalStackState state(long pid) {
        return new LocalStackState(pid, URI.create("http://127.0.0.1:9080"), URI.create("ws://127.0.0.1:9081/"),
                URI.create("http://127.0.0.1:9567"), URI.create("http://127.0.0.1:9000"), "sale-events", "us-east-1",
                "stock", "processed-events", 4_000, false);
    }

    private static long finishedPid() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        return process.pid();
    }

    @Test
    void written_thenRead_whileItsProcessRuns() {
        Path file = dir.resolve("nested/local.json");
        LocalStackState ours = state(ProcessHandle.current().pid());

        ours.write(file);

        assertThat(LocalStackState.read(file)).contains(ours);
        assertThat(file.getParent()).isDirectoryNotContaining(p -> p.toString().endsWith(".tmp"));
    }

    @Test
    void aFileWhoseProcessIsGone_isStale() throws Exception {
        Path file = dir.resolve("local.json");
        state(finishedPid()).write(file);

        assertThat(LocalStackState.read(file)).isEmpty();
    }

    @Test
    void missingOrMalformedFiles_nameNoStack() throws Exception {
        Path garbage = dir.resolve("garbage.json");
        Files.writeString(garbage, "{\"pid\": \"not a number\"");
        Path wrongShape = dir.resolve("array.json");
        Files.writeString(wrongShape, "[1, 2]");

        assertThat(LocalStackState.read(dir.resolve("missing.json"))).isEmpty();
        assertThat(LocalStackState.read(garbage)).isEmpty();
        assertThat(LocalStackState.read(wrongShape)).isEmpty();
    }

    @Test
    void removeIfOurs_leavesAnotherStacksFile() throws Exception {
        Path ours = dir.resolve("ours.json");
        state(ProcessHandle.current().pid()).write(ours);
        Path theirs = dir.resolve("theirs.json");
        long otherPid = ProcessHandle.current().parent().orElseThrow().pid();
        state(otherPid).write(theirs);

        LocalStackState.removeIfOurs(ours);
        LocalStackState.removeIfOurs(theirs);

        assertThat(ours).doesNotExist();
        assertThat(theirs).exists();
    }
}
