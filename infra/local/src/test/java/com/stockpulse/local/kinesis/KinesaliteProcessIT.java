package com.stockpulse.local.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stockpulse.local.runtime.LocalSettings;
import com.stockpulse.local.runtime.StartupFailedException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** kinesalite as a child process: on loopback, stopped with us, and clear about what went wrong. */
class KinesaliteProcessIT {

    @Test
    void start_onAFreePort_listensOnLoopbackAndLeavesNoProcessBehind() {
        KinesaliteProcess kinesalite = KinesaliteProcess.start(LocalSettings.defaults().kinesaliteDir(), 0);
        ProcessHandle node = ProcessHandle.of(kinesalite.pid()).orElseThrow();
        assertThat(kinesalite.endpoint().getHost()).isEqualTo("127.0.0.1");

        kinesalite.close();

        assertThat(node.isAlive()).isFalse();
    }

    @Test
    void exitedOnItsOwn_saysSoWithTheExitCode_whenItIsKilled_butNotWhenItIsClosed() throws Exception {
        KinesaliteProcess killed = KinesaliteProcess.start(LocalSettings.defaults().kinesaliteDir(), 0);
        KinesaliteProcess closed = KinesaliteProcess.start(LocalSettings.defaults().kinesaliteDir(), 0);
        try {
            ProcessHandle.of(killed.pid()).orElseThrow().destroyForcibly();
            closed.close();

            assertThat(killed.exitedOnItsOwn().toCompletableFuture().get(10, TimeUnit.SECONDS))
                    .contains("kinesalite").contains("exited on its own").contains("with code");
            Thread.sleep(500);
            assertThat(closed.exitedOnItsOwn().toCompletableFuture().isDone()).isFalse();
        } finally {
            killed.close();
            closed.close();
        }
    }

    @Test
    void start_onATakenPort_saysSo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> KinesaliteProcess.start(LocalSettings.defaults().kinesaliteDir(), port))
                    .isInstanceOf(StartupFailedException.class)
                    .hasMessageContaining("port " + port + " is taken").hasMessageContaining("--kinesis-port");
        }
    }

    @Test
    void requireTool_whenMissing_namesItAndTheWayOut() {
        assertThatThrownBy(() -> KinesaliteProcess.requireTool("no-such-node-binary", "Install Node."))
                .isInstanceOf(StartupFailedException.class)
                .hasMessageContaining("'no-such-node-binary' was not found").hasMessageContaining("Install Node.");
    }
}
