package com.stockpulse.local;

import com.stockpulse.local.apigateway.EmulatorSettings;
import com.stockpulse.local.chaos.Chaos;
import com.stockpulse.model.StreamMapping;
import com.stockpulse.model.Tables;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every setting of {@code stockpulse local}, from the command line. The only class in this module that reads system
 * properties ({@code stockpulse.home}, set by the start script).
 *
 * @param webSocketPort     the WebSocket API and its @connections endpoint
 * @param dynamoDbEndpoint  another DynamoDB endpoint (with Streams) instead of DynamoDB Local
 * @param kinesisEndpoint   another Kinesis endpoint instead of the bundled kinesalite
 * @param pollInterval      how often the mappings poll an idle shard (AWS: about 1 s for Kinesis, 250 ms for
 *                          DynamoDB Streams; shorter here because one machine has the CPU to spare)
 * @param persistent        whether the tables, the stream and the mappings' checkpoints are kept in {@code dataDir}
 *                          across restarts ({@code --data-dir}); in memory otherwise
 * @param chaos             faults to inject ({@code --chaos}); {@link Chaos#NONE} unless asked for
 * @param postBudget        posts per second the fan-out may spend ({@code STOCKPULSE_POST_BUDGET} on AWS, sized
 *                          from the account quota there; here from what two cores deliver beside the sale path)
 */
public record LocalSettings(String host, int webPort, int webSocketPort, int dynamoDbPort, int kinesisPort,
                            Optional<URI> dynamoDbEndpoint, Optional<URI> kinesisEndpoint, String streamName, int streamShards, Duration pollInterval,
                            String region, EmulatorSettings emulator, StreamMapping saleEvents,
                            StreamMapping stockChanges, Path home, Path dataDir, boolean persistent, boolean seed, int postBudget,
                            Chaos chaos) {

    public static final String USAGE = """
            Usage: stockpulse local [options]
              Starts StockPulse on this machine: DynamoDB Local, kinesalite, the WebSocket API emulator, the
              event source mappings and the web pages, all on 127.0.0.1. Ctrl-C stops everything.

            Options:
              --web-port N          web pages                        (default 8080)
              --ws-port N           WebSocket API and @connections   (default 8081)
              --dynamodb-port N     DynamoDB Local                   (default 8000)
              --kinesis-port N      kinesalite                       (default 4567)
              --kinesis-endpoint U  use the Kinesis at URL U instead of starting kinesalite
              --dynamodb-endpoint U use the DynamoDB (with Streams) at URL U instead of DynamoDB Local
              --shards N            shards of the sale-events stream (default 2)
              --poll-ms N           poll interval of idle shards     (default 100)
              --post-budget N       posts per second the fan-out may spend (default 4000: what two cores
                                    deliver while 500 sales/s are applied; AWS's account quota is 10000)
              --chaos FAULTS        inject AWS's faults, counted on the status line, e.g. post-5xx=5%,post-429=5%,
                                    drop-socket=1%/min,crash-consumer=1%,crash-fanout=1% (default: none)
              --data-dir DIR        keep the tables, the stream and the mappings' checkpoints in DIR across
                                    restarts, the log and on-failure files there too (default: in memory, the
                                    log and on-failure files in infra/local/target/stockpulse-local)
              --no-seed             start with empty tables
              --verbose             print every log line (Jetty, DynamoDB Local, the SDKs), not only the log file's
              --help                this text

            Example:
              ./stockpulse local --web-port 9080 --ws-port 9081
            """;

    /**
     * Measured on two cores (docs/benchmarks.md): with 8,000 the posts to 5,000 viewers starve the sale consumer
     * (500 sales/s, p99 3.9 s); with 4,000 it keeps up (p99 1.8 s).
     */
    static final int DEFAULT_POST_BUDGET = 4_000;

    public static LocalSettings defaults() {
        Path home = findHome();
        return new LocalSettings("127.0.0.1", 8080, 8081, 8000, 4567, Optional.empty(), Optional.empty(),
                Tables.DEFAULT_SALE_EVENTS_STREAM, 2, Duration.ofMillis(100), "us-east-1",
                EmulatorSettings.defaults(8081), StreamMapping.SALE_EVENTS, StreamMapping.STOCK_CHANGES, home,
                home.resolve("infra/local/target/stockpulse-local"), false, true, DEFAULT_POST_BUDGET, Chaos.NONE);
    }

    /** Every port picked by the system, so tests can run side by side. */
    public static LocalSettings forTests(Path dataDir) {
        LocalSettings defaults = defaults();
        return new LocalSettings("127.0.0.1", 0, 0, 0, 0, Optional.empty(), Optional.empty(), defaults.streamName, 1,
                Duration.ofMillis(20), defaults.region, EmulatorSettings.defaults(0), defaults.saleEvents,
                defaults.stockChanges, defaults.home, dataDir, false, true, defaults.postBudget, Chaos.NONE);
    }

    /** Parses {@code args} over the defaults; throws {@link IllegalArgumentException} saying what is wrong. */
    public static LocalSettings fromArgs(List<String> args) {
        LocalSettings s = defaults();
        List<String> rest = new ArrayList<>(args);
        while (!rest.isEmpty()) {
            String option = rest.removeFirst();
            switch (option) {
                case "--web-port" -> s = s.withPorts(port(option, rest), s.webSocketPort, s.dynamoDbPort, s.kinesisPort);
                case "--ws-port" -> s = s.withPorts(s.webPort, port(option, rest), s.dynamoDbPort, s.kinesisPort);
                case "--dynamodb-port" -> s = s.withPorts(s.webPort, s.webSocketPort, port(option, rest), s.kinesisPort);
                case "--kinesis-port" -> s = s.withPorts(s.webPort, s.webSocketPort, s.dynamoDbPort, port(option, rest));
                case "--kinesis-endpoint" -> s = s.withKinesisEndpoint(URI.create(value(option, rest)));
                case "--dynamodb-endpoint" -> s = s.withDynamoDbEndpoint(URI.create(value(option, rest)));
                case "--shards" -> s = s.withShards(number(option, rest, 1, 16));
                case "--poll-ms" -> s = s.withPollInterval(Duration.ofMillis(number(option, rest, 1, 10_000)));
                case "--data-dir" -> s = s.withDataDir(Path.of(value(option, rest)).toAbsolutePath().normalize(), true);
                case "--no-seed" -> s = s.withoutSeed();
                case "--post-budget" -> s = s.withPostBudget(number(option, rest, 1, 1_000_000));
                case "--chaos" -> s = s.withChaos(Chaos.parse(value(option, rest)));
                default -> throw new IllegalArgumentException("unknown option '" + option + "'");
            }
        }
        return s;
    }

    private static String value(String option, List<String> rest) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return rest.removeFirst();
    }

    private static int number(String option, List<String> rest, int min, int max) {
        String text = value(option, rest);
        try {
            int number = Integer.parseInt(text);
            if (number < min || number > max) {
                throw new IllegalArgumentException(option + " is " + min + " to " + max + ", got " + number);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, got '" + text + "'", e);
        }
    }

    private static int port(String option, List<String> rest) {
        return number(option, rest, 1, 65_535);
    }

    /** The repository root: {@code stockpulse.home} from the start script, else found from the working directory. */
    private static Path findHome() {
        String property = System.getProperty("stockpulse.home");
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("infra/local/kinesalite/server.js"))) {
                return dir;
            }
        }
        throw new StartupFailedException("cannot find the StockPulse checkout: run from inside it, or set "
                + "-Dstockpulse.home=/path/to/stockpulse");
    }

    /**
     * Where a running {@code stockpulse local} writes its endpoints for the CLI ({@link LocalStackState}): the
     * {@code stockpulse.stateDir} system property, else {@code ~/.stockpulse}; the file is {@code local.json}.
     */
    public static Path stateFile() {
        String dir = System.getProperty("stockpulse.stateDir");
        Path folder = dir != null && !dir.isBlank() ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".stockpulse");
        return folder.resolve("local.json");
    }

    /**
     * SDK settings every local client needs, set before any client is built: CBOR off (kinesalite cannot read it)
     * and placeholder credentials unless real ones are configured (the local services do not check signatures).
     */
    public static void applySdkDefaults() {
        // Before the first request of any client in this JVM: the fan-out's posts reuse connections.
        com.stockpulse.functions.config.FunctionsConfig.applyHttpKeepAlive(
                com.stockpulse.functions.config.FunctionsConfig.of(java.util.Map.of()).fanOutConcurrency());
        System.setProperty("aws.cborEnabled", "false");
        if (System.getProperty("aws.accessKeyId") == null && System.getenv("AWS_ACCESS_KEY_ID") == null) {
            System.setProperty("aws.accessKeyId", "local");
            System.setProperty("aws.secretAccessKey", "local");
        }
    }

    /**
     * A mapping's on-failure file. A data dir is one stack's (it is locked), so its files sit in it; without one, the
     * log folder is shared, so each stack writes under its WebSocket port: two stacks never write (or read) one
     * file, and a stack restarted on the same ports appends to what it discarded before.
     */
    public Path onFailureFile(StreamMapping mapping, int webSocketPortInUse) {
        Path folder = persistent ? dataDir.resolve("on-failure")
                : dataDir.resolve("on-failure").resolve("websocket-port-" + webSocketPortInUse);
        return folder.resolve(mapping.name() + ".jsonl");
    }

    public Path kinesaliteDir() {
        return home.resolve("infra/local/kinesalite");
    }

    public Path webDir() {
        return home.resolve("web-demo");
    }

    public LocalSettings withPorts(int web, int webSocket, int dynamoDb, int kinesis) {
        EmulatorSettings e = emulator.withPort(webSocket);
        return new LocalSettings(host, web, webSocket, dynamoDb, kinesis, dynamoDbEndpoint, kinesisEndpoint, streamName, streamShards,
                pollInterval, region, e, saleEvents, stockChanges, home, dataDir, persistent, seed, postBudget, chaos);
    }

    public LocalSettings withKinesisEndpoint(URI endpoint) {
        return new LocalSettings(host, webPort, webSocketPort, dynamoDbPort, kinesisPort, dynamoDbEndpoint, Optional.of(endpoint),
                streamName, streamShards, pollInterval, region, emulator, saleEvents, stockChanges, home, dataDir, persistent, seed, postBudget, chaos);
    }

    public LocalSettings withDynamoDbEndpoint(URI endpoint) {
        return new LocalSettings(host, webPort, webSocketPort, dynamoDbPort, kinesisPort, Optional.of(endpoint),
                kinesisEndpoint, streamName, streamShards, pollInterval, region, emulator, saleEvents, stockChanges, home,
                dataDir, persistent, seed, postBudget, chaos);
    }

    public LocalSettings withShards(int shards) {
        return new LocalSettings(host, webPort, webSocketPort, dynamoDbPort, kinesisPort, dynamoDbEndpoint, kinesisEndpoint, streamName,
                shards, pollInterval, region, emulator, saleEvents, stockChanges, home, dataDir, persistent, seed, postBudget, chaos);
    }

    public LocalSettings withPollInterval(Duration interval) {
        return new LocalSettings(host, webPort, webSocketPort, dynamoDbPort, kinesisPort, dynamoDbEndpoint, kinesisEndpoint, streamName,
                streamShards, interval, region, emulator, saleEvents, stockChanges, home, dataDir, persistent, seed, postBudget, chaos);
    }

    public LocalSettings withoutSeed() {
        return new LocalSettings(host, webPort, webSocketPort, dynamoDbPort, kinesisPort, dynamoDbEndpoint, kinesisEndpoint, streamName,
                streamShards, pollInterval, region, emulator, saleEvents, stockChanges, home, dataDir, persistent, false, postBudget, chaos);
    }

    /** Where the log and on-failure files go; with {@code persistent}, the tables, stream and checkpoints too. */
    public LocalSettings withDataDir(Path dir, boolean keep) {
        return new LocalSettings(host, webPort, webSocketPort, dynamoDbPort, kinesisPort, dynamoDbEndpoint, kinesisEndpoint, streamName,
                streamShards, pollInterval, region, emulator, saleEvents, stockChanges, home, dir, keep, seed, postBudget, chaos);
    }

    public LocalSettings withPostBudget(int budget) {
        return new LocalSettings(host, webPort, webSocketPort, dynamoDbPort, kinesisPort, dynamoDbEndpoint, kinesisEndpoint, streamName,
                streamShards, pollInterval, region, emulator, saleEvents, stockChanges, home, dataDir, persistent, seed, budget, chaos);
    }

    public LocalSettings withChaos(Chaos faults) {
        return new LocalSettings(host, webPort, webSocketPort, dynamoDbPort, kinesisPort, dynamoDbEndpoint, kinesisEndpoint, streamName,
                streamShards, pollInterval, region, emulator, saleEvents, stockChanges, home, dataDir, persistent, seed, postBudget, faults);
    }

    public LocalSettings withEmulator(EmulatorSettings settings) {
        return new LocalSettings(host, webPort, settings.port(), dynamoDbPort, kinesisPort, dynamoDbEndpoint, kinesisEndpoint, streamName,
                streamShards, pollInterval, region, settings, saleEvents, stockChanges, home, dataDir, persistent, seed, postBudget, chaos);
    }

    public LocalSettings withMappings(StreamMapping sales, StreamMapping stock) {
        return new LocalSettings(host, webPort, webSocketPort, dynamoDbPort, kinesisPort, dynamoDbEndpoint, kinesisEndpoint, streamName,
                streamShards, pollInterval, region, emulator, sales, stock, home, dataDir, persistent, seed, postBudget, chaos);
    }
}
