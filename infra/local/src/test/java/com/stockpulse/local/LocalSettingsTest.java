package com.stockpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LocalSettingsTest {

    @Test
    void onFailureFile_isOneStacksOwn_byItsPortWhenTheFolderIsShared_andInTheLockedDataDirOtherwise() {
        LocalSettings shared = LocalSettings.defaults();
        LocalSettings kept = shared.toBuilder().keepDataIn(Path.of("some/dir").toAbsolutePath()).build();

        assertThat(shared.onFailureFile(shared.saleEvents(), 8081))
                .isNotEqualTo(shared.onFailureFile(shared.saleEvents(), 9081))
                .isNotEqualTo(shared.onFailureFile(shared.stockChanges(), 8081))
                .isEqualTo(shared.onFailureFile(shared.saleEvents(), 8081));
        assertThat(kept.onFailureFile(kept.saleEvents(), 8081)).startsWithRaw(kept.dataDir());
    }

    @Test
    void toBuilder_changesOnlyWhatItIsTold() {
        LocalSettings defaults = LocalSettings.defaults();

        LocalSettings changed = defaults.toBuilder().webSocketPort(9081).seed(false).build();

        assertThat(changed.webSocketPort()).isEqualTo(9081);
        assertThat(changed.emulator()).isEqualTo(defaults.emulator().withPort(9081));
        assertThat(changed.seed()).isFalse();
        assertThat(changed.toBuilder().webSocketPort(defaults.webSocketPort()).seed(true).build()).isEqualTo(defaults);
    }
}
