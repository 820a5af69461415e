package com.stockpulse.local.testing;

import com.stockpulse.local.runtime.LocalSettings;
import java.nio.file.Path;
import java.time.Duration;

/** The settings of a stack a test starts: every port picked by the system, so tests run side by side. */
public final class TestStacks {

    private TestStacks() {
    }

    /** Any free ports, one shard, a short poll, the files in {@code dataDir} and the data in memory. */
    public static LocalSettings settings(Path dataDir) {
        return LocalSettings.builder().anyFreePorts().shards(1).pollInterval(Duration.ofMillis(20)).dataDir(dataDir)
                .build();
    }
}
