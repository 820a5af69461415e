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
 * Every setting of {@code stockpulse local}, grouped by what it is; the CLI's {@code local} command fills a
 * {@link Builder} from its options. The only class in this module that reads system properties and the environment
 * ({@code stockpulse.home}, set by the start script, {@code stockpulse.stateDir}, whether AWS credentials are
 * configured); {@link LocalSdkDefaults} sets the SDK's.
 *
 * @param home         the checkout: the web pages, the pinned kinesalite
 * @param ports        where each part listens, or the endpoint used instead of a stand-in
 * @param storage      in memory, or kept in a directory across restarts ({@code --data-dir})
 * @param mappings     the sale-events stream and the two event source mappings
 * @param webSocketApi the WebSocket API emulator: API Gateway's quotas, its port that of the WebSocket API and
 *                     @connections
 * @param postBudget   posts per second the fan-out may spend ({@code STOCKPULSE_POST_BUDGET} on AWS, sized from the
 *                     account quota there; here from what two cores deliver beside the sale path)
 * @param seed         whether an empty stack starts with the demo catalog ({@code web-demo/catalog.json})
 * @param chaos        faults to inject ({@code --chaos}); {@link Chaos#NONE} unless asked for
 */
public record LocalSettings(Path home, Ports ports, Storage storage, Mappings mappings, EmulatorSettings webSocketApi,
                            int postBudget, boolean seed, Chaos chaos) {

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
    /** The region every local client and ARN names; the local services accept any. */
    public static final String REGION = "us-east-1";
    private static final String LOOPBACK = "127.0.0.1";

    public LocalSettings {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(mappings, "mappings");
        Objects.requireNonNull(webSocketApi, "webSocketApi");
        Objects.requireNonNull(chaos, "chaos");
    }

    /**
     * Where each part listens (0: any free port), on {@code host}.
     *
     * @param dynamoDb DynamoDB Local's port, or another DynamoDB (with Streams) used instead
     * @param kinesis  kinesalite's port, or another Kinesis used instead
     */
    public record Ports(String host, int web, Service dynamoDb, Service kinesis) {
    }

    /** A stand-in started here on a port, or an endpoint the user runs instead of it. */
    public sealed interface Service {

        /** Started here, listening on {@code port} (0: any free one). */
        record Started(int port) implements Service {
        }

        /** Not started: the one at {@code endpoint} is used. */
        record Elsewhere(URI endpoint) implements Service {
        }
    }

    /** Where the data lives; the log and the on-failure files go to {@link #dir()} either way. */
    public sealed interface Storage {

        Path dir();

        /** Whether the tables, the stream and the mappings' checkpoints survive a restart. */
        default boolean persistent() {
            return this instanceof KeptIn;
        }

        /** The data in memory, gone at stop; the files in {@code dir}. */
        record InMemory(Path dir) implements Storage {
        }

        /** Everything in {@code dir}, kept across restarts; one stack at a time uses it (it is locked). */
        record KeptIn(Path dir) implements Storage {
        }
    }

    /**
     * The sale-events stream and the two event source mappings.
     *
     * @param pollInterval how often the mappings poll an idle shard (AWS: about 1 s for Kinesis, 250 ms for
     *                     DynamoDB Streams; shorter here because one machine has the CPU to spare)
     */
    public record Mappings(String streamName, int shards, Duration pollInterval, StreamMapping saleEvents,
                           StreamMapping stockChanges) {
    }

    /** The documented defaults: the ports above on 127.0.0.1, everything in memory, the demo catalog seeded. */
    public static Builder builder() {
        return new Builder(findHome());
    }

    public static LocalSettings defaults() {
        return builder().build();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public int webSocketPort() {
        return webSocketApi.port();
    }

    /** The region every local client names: {@link #REGION}. */
    public String region() {
        return REGION;
    }

    public String streamName() {
        return mappings.streamName();
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
     * A mapping's on-failure file. A kept data dir is one stack's (it is locked), so its files sit in it; in memory,
     * the folder is shared, so each stack writes under its WebSocket port: two stacks never write (or read) one
     * file, and a stack restarted on the same ports appends to what it discarded before.
     */
    public Path onFailureFile(StreamMapping mapping, int webSocketPortInUse) {
        Path folder = storage.persistent() ? storage.dir().resolve("on-failure")
                : storage.dir().resolve("on-failure").resolve("websocket-port-" + webSocketPortInUse);
        return folder.resolve(mapping.name() + ".jsonl");
    }

    /** A stand-in's folder in the data dir when the data is kept across restarts; empty when it is in memory. */
    public Optional<Path> keptIn(String folder) {
        return storage.persistent() ? Optional.of(storage.dir().resolve(folder)) : Optional.empty();
    }

    public Path kinesaliteDir() {
        return home.resolve("infra/local/kinesalite");
    }

    public Path webDir() {
        return home.resolve("web-demo");
    }

    /** Settings one at a time, over the defaults (or over the settings it was made from). */
    public static final class Builder {
        private final Path home;
        private int webPort = DEFAULT_WEB_PORT;
        private Service dynamoDb = new Service.Started(DEFAULT_DYNAMODB_PORT);
        private Service kinesis = new Service.Started(DEFAULT_KINESIS_PORT);
        private Storage storage;
        private int shards = DEFAULT_SHARDS;
        private Duration pollInterval = Duration.ofMillis(DEFAULT_POLL_MILLIS);
        private EmulatorSettings webSocketApi = EmulatorSettings.defaults(DEFAULT_WEBSOCKET_PORT);
        private boolean seed = true;
        private int postBudget = DEFAULT_POST_BUDGET;
        private Chaos chaos = Chaos.NONE;

        private Builder(Path home) {
            this.home = home;
            this.storage = new Storage.InMemory(home.resolve("infra/local/target/stockpulse-local"));
        }

        private Builder(LocalSettings s) {
            home = s.home;
            webPort = s.ports.web();
            dynamoDb = s.ports.dynamoDb();
            kinesis = s.ports.kinesis();
            storage = s.storage;
            shards = s.mappings.shards();
            pollInterval = s.mappings.pollInterval();
            webSocketApi = s.webSocketApi;
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
            this.webSocketApi = webSocketApi.withPort(port);
            return this;
        }

        /** DynamoDB Local's HTTP API; 0 for any free port. */
        public Builder dynamoDbPort(int port) {
            this.dynamoDb = new Service.Started(port);
            return this;
        }

        /** kinesalite; 0 for any free port. */
        public Builder kinesisPort(int port) {
            this.kinesis = new Service.Started(port);
            return this;
        }

        /** Every part on a port the system picks, so that stacks (tests, benchmarks) run side by side. */
        public Builder anyFreePorts() {
            return webPort(0).webSocketPort(0).dynamoDbPort(0).kinesisPort(0);
        }

        /** Use the DynamoDB (with Streams) at {@code endpoint} instead of starting DynamoDB Local. */
        public Builder dynamoDbEndpoint(URI endpoint) {
            this.dynamoDb = new Service.Elsewhere(endpoint);
            return this;
        }

        /** Use the Kinesis at {@code endpoint} instead of starting kinesalite. */
        public Builder kinesisEndpoint(URI endpoint) {
            this.kinesis = new Service.Elsewhere(endpoint);
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
            this.storage = new Storage.InMemory(dir);
            return this;
        }

        /** The tables, the stream and the mappings' checkpoints kept in {@code dir} across restarts, the files too. */
        public Builder keepDataIn(Path dir) {
            this.storage = new Storage.KeptIn(dir);
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
            this.webSocketApi = webSocketApi.withConnectRate(perSecond);
            return this;
        }

        public Builder chaos(Chaos faults) {
            this.chaos = faults;
            return this;
        }

        /** The emulator's behaviour; its port becomes the WebSocket port, replacing an earlier {@link #webSocketPort}. */
        public Builder emulator(EmulatorSettings settings) {
            this.webSocketApi = settings;
            return this;
        }

        public LocalSettings build() {
            return new LocalSettings(home, new Ports(LOOPBACK, webPort, dynamoDb, kinesis), storage,
                    new Mappings(Tables.DEFAULT_SALE_EVENTS_STREAM, shards, pollInterval, StreamMapping.SALE_EVENTS,
                            StreamMapping.STOCK_CHANGES), webSocketApi, postBudget, seed, chaos);
        }
    }
}
