package com.stockpulse.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.stockpulse.local.chaos.Chaos;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LocalSettingsTest {

    @Test
    void onFailureFile_isOneStacksOwn_byItsPortWhenTheFolderIsShared_andInTheLockedDataDirOtherwise() {
        LocalSettings shared = LocalSettings.defaults();
        LocalSettings kept = shared.toBuilder().keepDataIn(Path.of("some/dir").toAbsolutePath()).build();

        assertThat(shared.onFailureFile(shared.mappings().saleEvents(), 8081))
                .isNotEqualTo(shared.onFailureFile(shared.mappings().saleEvents(), 9081))
                .isNotEqualTo(shared.onFailureFile(shared.mappings().stockChanges(), 8081))
                .isEqualTo(shared.onFailureFile(shared.mappings().saleEvents(), 8081));
        assertThat(kept.onFailureFile(kept.mappings().saleEvents(), 8081)).startsWithRaw(kept.storage().dir());
    }

    @Test
    void toBuilder_keepsEveryValue_evenWhereNoneIsTheDefault() {
        LocalSettings changed = LocalSettings.builder().webPort(1).webSocketPort(2).dynamoDbPort(3).kinesisPort(4)
                .dynamoDbEndpoint(URI.create("http://127.0.0.1:5")).kinesisEndpoint(URI.create("http://127.0.0.1:6"))
                .shards(7).pollInterval(Duration.ofMillis(8)).keepDataIn(Path.of("/tmp/nine")).seed(false)
                .postBudget(10).chaos(Chaos.parse("post-5xx=11%")).build();

        assertThat(changed.toBuilder().build()).isEqualTo(changed);
        assertThat(changed).isNotEqualTo(LocalSettings.defaults());
        assertThat(changed.storage().persistent()).isTrue();
    }

    @Test
    void toBuilder_changesOnlyWhatItIsTold() {
        LocalSettings defaults = LocalSettings.defaults();

        LocalSettings changed = defaults.toBuilder().webSocketPort(9081).seed(false).build();

        assertThat(changed.webSocketPort()).isEqualTo(9081);
        assertThat(changed.webSocketApi()).isEqualTo(defaults.webSocketApi().withPort(9081));
        assertThat(changed.seed()).isFalse();
        assertThat(changed.toBuilder().webSocketPort(defaults.webSocketPort()).seed(true).build()).isEqualTo(defaults);
    }
}
