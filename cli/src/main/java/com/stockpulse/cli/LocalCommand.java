package com.stockpulse.cli;

import com.stockpulse.local.console.LocalConsole;
import com.stockpulse.local.runtime.LocalSettings;
import com.stockpulse.local.runtime.StartupFailedException;
import com.stockpulse.local.apigateway.EmulatorSettings;
import com.stockpulse.local.chaos.Chaos;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

@Command(name = "local", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Start StockPulse on this machine: DynamoDB Local, kinesalite, the WebSocket API emulator, "
                + "the event source mappings and the web pages, all on 127.0.0.1. Ctrl-C stops everything.",
        footerHeading = "%nExample:%n", footer = "  stockpulse local --web-port 9080 --ws-port 9081")
final class LocalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--web-port", paramLabel = "N", defaultValue = "" + LocalSettings.DEFAULT_WEB_PORT,
            description = "Web pages, 1 to 65535 (default: ${DEFAULT-VALUE}).")
    int webPort;

    @Option(names = "--ws-port", paramLabel = "N", defaultValue = "" + LocalSettings.DEFAULT_WEBSOCKET_PORT,
            description = "WebSocket API and @connections, 1 to 65535 (default: ${DEFAULT-VALUE}).")
    int webSocketPort;

    @Option(names = "--dynamodb-port", paramLabel = "N", defaultValue = "" + LocalSettings.DEFAULT_DYNAMODB_PORT,
            description = "DynamoDB Local, 1 to 65535 (default: ${DEFAULT-VALUE}).")
    int dynamoDbPort;

    @Option(names = "--kinesis-port", paramLabel = "N", defaultValue = "" + LocalSettings.DEFAULT_KINESIS_PORT,
            description = "kinesalite, 1 to 65535 (default: ${DEFAULT-VALUE}).")
    int kinesisPort;

    @Option(names = "--kinesis-endpoint", paramLabel = "URL",
            description = "Use the Kinesis at URL instead of starting kinesalite.")
    URI kinesisEndpoint;

    @Option(names = "--dynamodb-endpoint", paramLabel = "URL",
            description = "Use the DynamoDB (with Streams) at URL instead of DynamoDB Local.")
    URI dynamoDbEndpoint;

    @Option(names = "--shards", paramLabel = "N", defaultValue = "" + LocalSettings.DEFAULT_SHARDS,
            description = "Shards of the sale-events stream, 1 to 16 (default: ${DEFAULT-VALUE}).")
    int shards;

    @Option(names = "--poll-ms", paramLabel = "N", defaultValue = "" + LocalSettings.DEFAULT_POLL_MILLIS,
            description = "Poll interval of idle shards, 1 to 10000 ms (default: ${DEFAULT-VALUE}).")
    int pollMillis;

    @Option(names = "--post-budget", paramLabel = "N", defaultValue = "" + LocalSettings.DEFAULT_POST_BUDGET,
            description = "Posts per second the fan-out may spend, 1 to 1000000 (default: ${DEFAULT-VALUE}: what two cores deliver "
                    + "while 500 sales/s are applied; AWS's account quota is 10000).")
    int postBudget;

    @Option(names = "--connect-rate", paramLabel = "N",
            defaultValue = "" + EmulatorSettings.DEFAULT_CONNECTS_PER_SECOND,
            description = "New WebSocket connections per second before upgrades are answered 429, 1 to 1000000 "
                    + "(default: ${DEFAULT-VALUE}, API Gateway's quota per account and Region).")
    int connectRate;

    @Option(names = "--chaos", paramLabel = "FAULTS", converter = ChaosConverter.class,
            description = "Inject AWS's faults, counted on the status line, e.g. post-5xx=5%%,post-429=5%%,"
                    + "drop-socket=1%%/min,crash-consumer=1%%,crash-fanout=1%% (default: none).")
    Chaos chaos = Chaos.NONE;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Keep the tables, the stream and the mappings' checkpoints in DIR across restarts, the log "
                    + "and on-failure files there too (default: in memory, the files in "
                    + "infra/local/target/stockpulse-local).")
    Path dataDir;

    @Option(names = "--no-seed", description = "Start with empty tables.")
    boolean noSeed;

    @Option(names = "--verbose",
            description = "Print every log line (Jetty, DynamoDB Local, the SDKs), not only the log file's.")
    boolean verbose;

    @Override
    public Integer call() {
        LocalSettings settings;
        try {
            settings = settings();
        } catch (StartupFailedException e) {
            spec.commandLine().getErr().println("stockpulse local: " + e.getMessage());
            return 1;
        }
        return LocalConsole.run(settings, verbose, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** The options over the defaults; a value out of its range is a bad argument (exit 2, with the usage). */
    LocalSettings settings() {
        LocalSettings.Builder settings = LocalSettings.builder()
                .webPort(within("--web-port", webPort, 1, 65_535))
                .webSocketPort(within("--ws-port", webSocketPort, 1, 65_535))
                .dynamoDbPort(within("--dynamodb-port", dynamoDbPort, 1, 65_535))
                .kinesisPort(within("--kinesis-port", kinesisPort, 1, 65_535))
                .shards(within("--shards", shards, 1, 16))
                .pollInterval(Duration.ofMillis(within("--poll-ms", pollMillis, 1, 10_000)))
                .postBudget(within("--post-budget", postBudget, 1, 1_000_000))
                .connectRate(within("--connect-rate", connectRate, 1, 1_000_000))
                .seed(!noSeed)
                .chaos(chaos);
        if (kinesisEndpoint != null) {
            settings.kinesisEndpoint(kinesisEndpoint);
        }
        if (dynamoDbEndpoint != null) {
            settings.dynamoDbEndpoint(dynamoDbEndpoint);
        }
        if (dataDir != null) {
            settings.keepDataIn(dataDir.toAbsolutePath().normalize());
        }
        return settings.build();
    }

    private int within(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ParameterException(spec.commandLine(), option + " is " + min + " to " + max + ", got " + value);
        }
        return value;
    }

    /** {@code --chaos}: {@link Chaos#parse}'s message says what is wrong with the spec. */
    static final class ChaosConverter implements ITypeConverter<Chaos> {
        @Override
        public Chaos convert(String value) {
            try {
                return Chaos.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage().replaceFirst("^--chaos: ", ""));
            }
        }
    }
}
