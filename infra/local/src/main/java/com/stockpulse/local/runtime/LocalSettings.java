package com.stockpulse.local.runtime;

import com.stockpulse.local.apigateway.EmulatorSettings;
import com.stockpulse.local.chaos.Chaos;
import com.stockpulse.model.StreamMapping;
import com.stockpulse.model.Tables;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Every setting of {@code stockpulse local}; the CLI's {@code local} command fills a {@link Builder} from its options.
 * The only class in this module that reads system properties and the environment ({@code stockpulse.home}, set by
 * the start script, {@code stockpulse.stateDir}, whether AWS credentials are configured); {@link LocalSdkDefaults}
 * sets the SDK's.
 *
 * @param dynamoDbEndpoint  another DynamoDB endpoint (with Streams) instead of DynamoDB Local
 * @param kinesisEndpoint   another Kinesis endpoint instead of the bundled kinesalite
 * @param emulator          the WebSocket API emulator, its port that of the WebSocket API and @connections
 * @param pollInterval      how often the mappings poll an idle shard (AWS: about 1 s for Kinesis, 250 ms for
 *                          DynamoDB Streams; shorter here because one machine has the CPU to spare)
 * @param dataDir           where the log and on-failure files go; with {@code persistent}, the tables, the stream and
 *                          the mappings' checkpoints too, kept across restarts ({@code --data-dir})
 * @param chaos             faults to inject ({@code --chaos}); {@link Chaos#NONE} unless asked for
 * @param postBudget        posts per second the fan-out may spend ({@code STOCKPULSE_POST_BUDGET} on AWS, sized
 *                          from the account quota there; here from what two cores deliver beside the sale path)
 */
public record LocalSettings(String host, int webPort, int dynamoDbPort, int kinesisPort, Optional<URI> dynamoDbEndpoint,
                            Optional<URI> kinesisEndpoint, String streamName, int streamShards, Duration pollInterval,
                            String region, EmulatorSettings emulator, StreamMapping saleEvents,
                            StreamMapping stockChanges, Path home, Path dataDir, boolean persistent, boolean seed,
                            int postBudget, Chaos chaos) {

    /**
     * Measured on two cores (docs/benchmarks.md): with 8,000 the posts to 5,000 viewers starve the sale consumer
     * (500 sales/s, p99 3.9 s); with 4,000 it keeps up (p99 1.8 s).
     */
    public static final int DEFAULT_POST_BUDGET = 4_000;
    public static final int DEFAULT_WEB_PORT = 8080;
    public static final int DEFAULT_WEBSOCKET_PORT = 8081;
    public static final int DEFAULT_DYNAMODB_PORT = 8000;
    public static final int DEFAULT_KINESIS_PORT = 4567;
    public static final int DEFAULT_SHARDS = 2;
    public static final int DEFAULT_POLL_MILLIS = 100;
    public static final String DEFAULT_REGION = "us-east-1";

    public LocalSettings {
        Objects.requireNonNull(dynamoDbEndpoint, "dynamoDbEndpoint");
        Objects.requireNonNull(kinesisEndpoint, "kinesisEndpoint");
        Objects.requireNonNull(chaos, "chaos");
    }

    /** The documented defaults: the ports above on 127.0.0.1, everything in memory, the demo catalog seeded. */
    public static Builder builder() {
        return new Builder(findHome());
    }

    public static LocalSettings defaults() {
        return builder().build();
    }

    /** Every port picked by the system, so tests can run side by side; one shard, a short poll. */
    public static LocalSettings forTests(Path dataDir) {
        return builder().webPort(0).webSocketPort(0).dynamoDbPort(0).kinesisPort(0).shards(1)
                .pollInterval(Duration.ofMillis(20)).dataDir(dataDir).build();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public int webSocketPort() {
        return emulator.port();
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
     * Whether the SDK's default chain finds credentials in the system properties or the environment; when not,
     * {@link LocalSdkDefaults} sets placeholders (the local services do not check signatures).
     */
    static boolean awsCredentialsConfigured() {
        return System.getProperty("aws.accessKeyId") != null || System.getenv("AWS_ACCESS_KEY_ID") != null;
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

    /** Settings one at a time, over the defaults (or over the settings it was made from). */
    public static final class Builder {
        private final String host;
        private final String streamName;
        private final String region;
        private final Path home;
        private int webPort = DEFAULT_WEB_PORT;
        private int dynamoDbPort = DEFAULT_DYNAMODB_PORT;
        private int kinesisPort = DEFAULT_KINESIS_PORT;
        private Optional<URI> dynamoDbEndpoint = Optional.empty();
        private Optional<URI> kinesisEndpoint = Optional.empty();
        private int shards = DEFAULT_SHARDS;
        private Duration pollInterval = Duration.ofMillis(DEFAULT_POLL_MILLIS);
        private EmulatorSettings emulator = EmulatorSettings.defaults(DEFAULT_WEBSOCKET_PORT);
        private final StreamMapping saleEvents;
        private final StreamMapping stockChanges;
        private Path dataDir;
        private boolean persistent;
        private boolean seed = true;
        private int postBudget = DEFAULT_POST_BUDGET;
        private Chaos chaos = Chaos.NONE;

        private Builder(Path home) {
            this.host = "127.0.0.1";
            this.streamName = Tables.DEFAULT_SALE_EVENTS_STREAM;
            this.region = DEFAULT_REGION;
            this.home = home;
            this.saleEvents = StreamMapping.SALE_EVENTS;
            this.stockChanges = StreamMapping.STOCK_CHANGES;
            this.dataDir = home.resolve("infra/local/target/stockpulse-local");
        }

        private Builder(LocalSettings s) {
            host = s.host;
            streamName = s.streamName;
            region = s.region;
            home = s.home;
            webPort = s.webPort;
            dynamoDbPort = s.dynamoDbPort;
            kinesisPort = s.kinesisPort;
            dynamoDbEndpoint = s.dynamoDbEndpoint;
            kinesisEndpoint = s.kinesisEndpoint;
            shards = s.streamShards;
            pollInterval = s.pollInterval;
            emulator = s.emulator;
            saleEvents = s.saleEvents;
            stockChanges = s.stockChanges;
            dataDir = s.dataDir;
            persistent = s.persistent;
            seed = s.seed;
            postBudget = s.postBudget;
            chaos = s.chaos;
        }

        /** The web pages; 0 for any free port. */
        public Builder webPort(int port) {
            this.webPort = port;
            return this;
        }

        /** The WebSocket API and its @connections endpoint; 0 for any free port. */
        public Builder webSocketPort(int port) {
            this.emulator = emulator.withPort(port);
            return this;
        }

        /** DynamoDB Local's HTTP API; 0 for any free port. */
        public Builder dynamoDbPort(int port) {
            this.dynamoDbPort = port;
            return this;
        }

        /** kinesalite; 0 for any free port. */
        public Builder kinesisPort(int port) {
            this.kinesisPort = port;
            return this;
        }

        /** Use the DynamoDB (with Streams) at {@code endpoint} instead of starting DynamoDB Local. */
        public Builder dynamoDbEndpoint(URI endpoint) {
            this.dynamoDbEndpoint = Optional.of(endpoint);
            return this;
        }

        /** Use the Kinesis at {@code endpoint} instead of starting kinesalite. */
        public Builder kinesisEndpoint(URI endpoint) {
            this.kinesisEndpoint = Optional.of(endpoint);
            return this;
        }

        public Builder shards(int count) {
            this.shards = count;
            return this;
        }

        public Builder pollInterval(Duration interval) {
            this.pollInterval = interval;
            return this;
        }

        /** Where the log and on-failure files go; the data itself stays in memory. */
        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            this.persistent = false;
            return this;
        }

        /** The tables, the stream and the mappings' checkpoints kept in {@code dir} across restarts, the files too. */
        public Builder keepDataIn(Path dir) {
            this.dataDir = dir;
            this.persistent = true;
            return this;
        }

        /** Whether an empty stack starts with the demo catalog ({@code web-demo/catalog.json}). */
        public Builder seed(boolean withDemoCatalog) {
            this.seed = withDemoCatalog;
            return this;
        }

        public Builder postBudget(int postsPerSecond) {
            this.postBudget = postsPerSecond;
            return this;
        }

        /** New connections the emulated account may open per second (API Gateway's quota: 500). */
        public Builder connectRate(int perSecond) {
            this.emulator = emulator.withConnectRate(perSecond);
            return this;
        }

        public Builder chaos(Chaos faults) {
            this.chaos = faults;
            return this;
        }

        /** The emulator's behaviour; its port becomes the WebSocket port, replacing an earlier {@link #webSocketPort}. */
        public Builder emulator(EmulatorSettings settings) {
            this.emulator = settings;
            return this;
        }

        public LocalSettings build() {
            return new LocalSettings(host, webPort, dynamoDbPort, kinesisPort, dynamoDbEndpoint, kinesisEndpoint,
                    streamName, shards, pollInterval, region, emulator, saleEvents, stockChanges, home, dataDir,
                    persistent, seed, postBudget, chaos);
        }
    }
}
