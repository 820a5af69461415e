package com.stockpulse.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LocalSettingsTest {

    @Test
    void fromArgs_whenNone_usesTheDocumentedDefaults() {
        LocalSettings settings = LocalSettings.fromArgs(List.of());

        assertThat(settings.webPort()).isEqualTo(8080);
        assertThat(settings.webSocketPort()).isEqualTo(8081);
        assertThat(settings.emulator().port()).isEqualTo(8081);
        assertThat(settings.dynamoDbPort()).isEqualTo(8000);
        assertThat(settings.kinesisPort()).isEqualTo(4567);
        assertThat(settings.kinesisEndpoint()).isEmpty();
        assertThat(settings.seed()).isTrue();
        assertThat(settings.postBudget()).isEqualTo(4_000);
        assertThat(settings.persistent()).isFalse();
        assertThat(settings.kinesaliteDir().resolve("server.js")).exists();
    }

    @Test
    void fromArgs_readsEveryOption() {
        LocalSettings settings = LocalSettings.fromArgs(List.of("--web-port", "9080", "--ws-port", "9081",
                "--dynamodb-port", "9000", "--kinesis-port", "9567", "--shards", "4", "--poll-ms", "250",
                "--kinesis-endpoint", "http://127.0.0.1:4566", "--no-seed", "--post-budget", "9000"));

        assertThat(settings.webPort()).isEqualTo(9080);
        assertThat(settings.emulator().port()).isEqualTo(9081);
        assertThat(settings.dynamoDbPort()).isEqualTo(9000);
        assertThat(settings.kinesisPort()).isEqualTo(9567);
        assertThat(settings.streamShards()).isEqualTo(4);
        assertThat(settings.pollInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.kinesisEndpoint()).contains(URI.create("http://127.0.0.1:4566"));
        assertThat(settings.seed()).isFalse();
        assertThat(settings.postBudget()).isEqualTo(9_000);
    }

    @Test
    void fromArgs_dataDir_keepsTheDataThere() {
        LocalSettings settings = LocalSettings.fromArgs(List.of("--data-dir", "some/dir"));

        assertThat(settings.persistent()).isTrue();
        assertThat(settings.dataDir()).isEqualTo(java.nio.file.Path.of("some/dir").toAbsolutePath().normalize());
    }

    @Test
    void onFailureFile_isOneStacksOwn_byItsPortWhenTheFolderIsShared_andInTheLockedDataDirOtherwise() {
        LocalSettings shared = LocalSettings.fromArgs(List.of());
        LocalSettings kept = LocalSettings.fromArgs(List.of("--data-dir", "some/dir"));

        assertThat(shared.onFailureFile(shared.saleEvents(), 8081))
                .isNotEqualTo(shared.onFailureFile(shared.saleEvents(), 9081))
                .isNotEqualTo(shared.onFailureFile(shared.stockChanges(), 8081))
                .isEqualTo(shared.onFailureFile(shared.saleEvents(), 8081));
        assertThat(kept.onFailureFile(kept.saleEvents(), 8081)).startsWithRaw(kept.dataDir());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            --colour blue        | unknown option '--colour'
            --web-port           | --web-port needs a value
            --web-port eighty    | --web-port needs a whole number, got 'eighty'
            --ws-port 70000      | --ws-port is 1 to 65535, got 70000
            --shards 0           | --shards is 1 to 16, got 0
            --post-budget 0      | --post-budget is 1 to 1000000, got 0
            --data-dir           | --data-dir needs a value
            """)
    void fromArgs_whenBad_saysWhatIsWrong(String args, String message) {
        assertThatThrownBy(() -> LocalSettings.fromArgs(List.of(args.split(" "))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }
}
