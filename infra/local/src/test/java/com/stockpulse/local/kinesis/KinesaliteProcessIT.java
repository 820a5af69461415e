package com.stockpulse.local.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stockpulse.local.LocalSettings;
import com.stockpulse.local.StartupFailedException;
import java.net.InetAddress;
import java.net.ServerSocket;
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
