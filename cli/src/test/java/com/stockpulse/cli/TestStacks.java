package com.stockpulse.cli;

import com.stockpulse.local.runtime.LocalSettings;
import java.nio.file.Path;
import java.time.Duration;

/** The settings of a stack a CLI test starts, as infra/local's tests start theirs: any free ports, side by side. */
final class TestStacks {

    private TestStacks() {
    }

    static LocalSettings settings(Path dataDir) {
        return LocalSettings.builder().anyFreePorts().shards(1).pollInterval(Duration.ofMillis(20)).dataDir(dataDir)
                .build();
    }
}
