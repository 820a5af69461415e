package com.stockpulse.local.kinesis;

import com.stockpulse.local.runtime.LocalRuntime;
import com.stockpulse.local.runtime.LocalSettings;
import com.stockpulse.local.testing.Eventually;
import com.stockpulse.local.testing.TestStacks;
import com.stockpulse.local.testing.Viewer;
import com.stockpulse.model.EventType;
import com.stockpulse.model.Json;
import com.stockpulse.model.SaleEvent;
import com.stockpulse.model.StockLevel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local Kinesis endpoint with the clients users already have, unchanged: the AWS SDK for JavaScript v3's default
 * {@code KinesisClient} (HTTP/2 with prior knowledge; pinned in {@code src/test/js/sdk-v3-producer}) and the Java
 * SDK's async client on HTTP/2 put sale events that reach a viewer; the sync clients speak HTTP/1.1 on the same port
 * (every other test).
 */
class KinesisClientsIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path dataDir;

    private static LocalRuntime runtime;
    private static Path producer;

    @BeforeAll
    static void start() throws Exception {
        producer = LocalSettings.defaults().home().resolve("infra/local/src/test/js/sdk-v3-producer");
        if (!Files.isDirectory(producer.resolve("node_modules/@aws-sdk/client-kinesis"))) {
            Result npm = run(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), Duration.ofMinutes(5));
            assertThat(npm.exit()).as("npm ci in %s: %s", producer, npm.output()).isZero();
        }
        runtime = LocalRuntime.start(TestStacks.settings(dataDir));
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Path log = Files.createTempFile(dataDir, "node", ".log");
        Process process = new ProcessBuilder(command).directory(producer.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        process.getOutputStream().close();
        boolean done = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!done) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        return done ? new Result(process.exitValue(), output) : new Result(-1, output + "\n(timed out)");
    }

    private static SaleEvent event(EventType type, String sku, long quantity) {
        return new SaleEvent(UUID.randomUUID().toString(), type, sku, quantity, Instant.now(), "kinesis-clients-it");
    }

    private static long available(String sku) {
        return runtime.wiring().stockStore().get(sku).map(StockLevel::available).orElse(-1L);
    }

    /** A viewer of the SKU's page, open before the events, sees the stock reach {@code units}. */
    private static void viewerSees(Viewer viewer, String sku, long units) throws InterruptedException {
        viewer.awaitFrame(WAIT, frame -> frame.path("type").asText().equals("stock")
                && frame.path("sku").asText().equals(sku) && frame.path("available").asLong() == units);
        Eventually.await(sku + " has " + units, WAIT, () -> available(sku) == units);
    }

    @Test
    void jsSdkV3DefaultKinesisClient_putsOverHttp2_andTheSalesReachAViewer() throws Exception {
        String sku = "js-sdk-v3";
        List<SaleEvent> events = List.of(event(EventType.SET, sku, 20), event(EventType.SALE, sku, 3),
                event(EventType.SALE, sku, 4));
        try (Viewer viewer = Viewer.open(runtime.webSocketUrl(), "/products/" + sku)) {
            Result put = run(List.of("node", "put-sales.mjs", runtime.kinesisEndpoint().toString(),
                    runtime.settings().streamName(), Json.mapper().writeValueAsString(events)), Duration.ofMinutes(1));

            assertThat(put.exit()).as(put.output()).isZero();
            assertThat(put.output()).as("the SDK's default handler, which speaks HTTP/2")
                    .contains("handler NodeHttp2Handler");
            assertThat(put.output().lines().filter(line -> line.startsWith("put "))).hasSize(3);
            viewerSees(viewer, sku, 13);
        }
    }

    @Test
    void javaSdkAsyncClientOnHttp2_putsAndTheSaleReachesAViewer() throws Exception {
        String sku = "java-async-h2";
        try (KinesisAsyncClient kinesis = KinesisAsyncClient.builder()
                .endpointOverride(runtime.kinesisEndpoint())
                .region(Region.of(runtime.settings().region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP2))
                .build();
             Viewer viewer = Viewer.open(runtime.webSocketUrl(), "/products/" + sku)) {
            for (SaleEvent event : List.of(event(EventType.SET, sku, 9), event(EventType.SALE, sku, 2))) {
                kinesis.putRecord(r -> r.streamName(runtime.settings().streamName()).partitionKey(event.partitionKey())
                        .data(SdkBytes.fromByteArray(event.toJsonBytes()))).get(30, TimeUnit.SECONDS);
            }

            viewerSees(viewer, sku, 7);
        }
    }
}
