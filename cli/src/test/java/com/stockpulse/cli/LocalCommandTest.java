package com.stockpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.stockpulse.local.runtime.LocalSettings;
import com.stockpulse.local.runtime.LocalSettings.Service;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** {@code stockpulse local}'s options, parsed by picocli into the runtime's settings. */
class LocalCommandTest {

    private static LocalSettings parse(String... args) {
        CommandLine commandLine = StockPulseCli.commandLine();
        CommandLine.ParseResult result = commandLine.parseArgs(prepend("local", args));
        LocalCommand local = result.subcommand().commandSpec().commandLine().getCommand();
        return local.settings();
    }

    private static String[] prepend(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    @Test
    void settings_whenNoOptions_areTheDocumentedDefaults() {
        LocalSettings settings = parse();

        assertThat(settings.ports().web()).isEqualTo(8080);
        assertThat(settings.webSocketPort()).isEqualTo(8081);
        assertThat(settings.webSocketApi().port()).isEqualTo(8081);
        assertThat(settings.ports().dynamoDb()).isEqualTo(new Service.Started(8000));
        assertThat(settings.ports().kinesis()).isEqualTo(new Service.Started(4567));
        assertThat(settings.seed()).isTrue();
        assertThat(settings.postBudget()).isEqualTo(4_000);
        assertThat(settings.storage().persistent()).isFalse();
        assertThat(settings.chaos().isOn()).isFalse();
        assertThat(settings.kinesaliteDir().resolve("server.js")).exists();
        assertThat(settings).isEqualTo(LocalSettings.defaults());
    }

    @Test
    void settings_readEveryOption() {
        LocalSettings settings = parse("--web-port", "9080", "--ws-port", "9081", "--dynamodb-port", "9000",
                "--kinesis-port", "9567", "--shards", "4", "--poll-ms", "250", "--no-seed",
                "--post-budget", "9000", "--connect-rate", "50", "--chaos", "post-5xx=5%");
        // An endpoint replaces the stand-in, so its port no longer says anything.
        LocalSettings elsewhere = parse("--dynamodb-port", "9000", "--kinesis-port", "9567", "--kinesis-endpoint",
                "http://127.0.0.1:4566", "--dynamodb-endpoint", "http://127.0.0.1:4567");

        assertThat(settings.ports().web()).isEqualTo(9080);
        assertThat(settings.webSocketApi().port()).isEqualTo(9081);
        assertThat(settings.ports().dynamoDb()).isEqualTo(new Service.Started(9000));
        assertThat(settings.ports().kinesis()).isEqualTo(new Service.Started(9567));
        assertThat(settings.mappings().shards()).isEqualTo(4);
        assertThat(settings.mappings().pollInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(elsewhere.ports().kinesis()).isEqualTo(new Service.Elsewhere(URI.create("http://127.0.0.1:4566")));
        assertThat(elsewhere.ports().dynamoDb()).isEqualTo(new Service.Elsewhere(URI.create("http://127.0.0.1:4567")));
        assertThat(settings.seed()).isFalse();
        assertThat(settings.postBudget()).isEqualTo(9_000);
        assertThat(settings.webSocketApi().connectsPerSecond()).isEqualTo(50);
        assertThat(settings.chaos().isOn()).isTrue();
        assertThat(settings.chaos().toString()).contains("post-5xx");
    }

    @Test
    void settings_dataDir_keepsTheDataThere() {
        LocalSettings settings = parse("--data-dir", "some/dir");

        assertThat(settings.storage().persistent()).isTrue();
        assertThat(settings.storage().dir()).isEqualTo(Path.of("some/dir").toAbsolutePath().normalize());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            --xyzzy blue         | Unknown options: '--xyzzy', 'blue'
            --web-port           | Missing required parameter for option '--web-port' (N)
            --web-port eighty    | '--web-port': 'eighty' is not an int
            --ws-port 70000      | --ws-port is 1 to 65535, got 70000
            --shards 0           | --shards is 1 to 16, got 0
            --post-budget 0      | --post-budget is 1 to 1000000, got 0
            --connect-rate 0     | --connect-rate is 1 to 1000000, got 0
            --data-dir           | Missing required parameter for option '--data-dir' (DIR)
            --chaos post-5xx=5   | 'post-5xx=5' is not fault=P% (or drop-socket=P%/min)
            """)
    void local_whenAnOptionIsBad_exitsWith2AndSaysWhatIsWrong(String args, String message) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = StockPulseCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));

        int exit = commandLine.execute(prepend("local", args.split(" ")));

        assertThat(exit).isEqualTo(ExitCodes.BAD_ARGUMENTS);
        assertThat(err.toString()).contains(message).contains("Usage: stockpulse local");
        assertThat(out.toString()).isEmpty();
    }
}
