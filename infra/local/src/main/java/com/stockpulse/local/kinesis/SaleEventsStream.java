package com.stockpulse.local.kinesis;

import com.stockpulse.local.runtime.StartupFailedException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * The Kinesis stream of sale events: on a {@link KinesaliteProcess} started for it, or on the Kinesis the user named
 * with {@code --kinesis-endpoint}. Created if missing (a kept kinesalite, or LocalStack, may have it already) and
 * ACTIVE before {@link #start} returns.
 */
public final class SaleEventsStream implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SaleEventsStream.class);
    private static final Duration ACTIVE_WITHIN = Duration.ofSeconds(30);

    private final String name;
    private final URI endpoint;
    private final KinesisClient client;
    /** Null on another Kinesis. */
    private final KinesaliteProcess kinesalite;

    private SaleEventsStream(String name, URI endpoint, KinesisClient client, KinesaliteProcess kinesalite) {
        this.name = name;
        this.endpoint = endpoint;
        this.client = client;
        this.kinesalite = kinesalite;
    }

    /**
     * Where the stream lives: {@code endpoint} when given, else kinesalite from {@code kinesaliteDir} on {@code port}
     * (0: any free port), its streams kept in {@code data} when given.
     */
    public record Host(Optional<URI> endpoint, Path kinesaliteDir, int port, Optional<Path> data) {

        /** The Kinesis at {@code endpoint}; nothing is started. */
        public static Host at(URI endpoint) {
            return new Host(Optional.of(endpoint), null, 0, Optional.empty());
        }

        /** kinesalite from {@code dir}, started on {@code port}, its streams kept in {@code data} when given. */
        public static Host kinesalite(Path dir, int port, Optional<Path> data) {
            return new Host(Optional.empty(), dir, port, data);
        }
    }

    /** Starts kinesalite if needed, then creates the stream with {@code shards} and waits until it is ACTIVE. */
    public static SaleEventsStream start(Host host, String name, int shards, String region) {
        KinesaliteProcess kinesalite = host.endpoint().isPresent() ? null
                : KinesaliteProcess.start(host.kinesaliteDir(), host.port(), host.data());
        URI endpoint = kinesalite == null ? host.endpoint().get() : kinesalite.endpoint();
        KinesisClient client = null;
        try {
            client = KinesisClient.builder()
                    .endpointOverride(endpoint)
                    .region(Region.of(region))
                    .httpClient(UrlConnectionHttpClient.create())
                    .build();
            SaleEventsStream stream = new SaleEventsStream(name, endpoint, client, kinesalite);
            stream.createIfMissing(shards);
            return stream;
        } catch (RuntimeException e) {
            closeBoth(client, kinesalite);
            throw e;
        }
    }

    private void createIfMissing(int shards) {
        try {
            client.createStream(r -> r.streamName(name).shardCount(shards));
        } catch (ResourceInUseException e) {
            LOG.info("stream {} exists already at {}; using it", name, endpoint);
        }
        long deadline = System.nanoTime() + ACTIVE_WITHIN.toNanos();
        while (client.describeStreamSummary(r -> r.streamName(name)).streamDescriptionSummary().streamStatus()
                != StreamStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new StartupFailedException("stream " + name + " did not become ACTIVE in "
                        + ACTIVE_WITHIN.toSeconds() + " s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StartupFailedException("interrupted while starting", e);
            }
        }
    }

    public String name() {
        return name;
    }

    /** Where producers outside this JVM put records. */
    public URI endpoint() {
        return endpoint;
    }

    /** Kinesis, for the sale-events mapping and the ops console's sales; lives as long as the stream. */
    public KinesisClient client() {
        return client;
    }

    /**
     * Completes with what happened if the kinesalite started here dies on its own; sales cannot flow without it.
     * Never completes on another Kinesis.
     */
    public CompletionStage<String> brokenDown() {
        return kinesalite == null ? new CompletableFuture<String>().minimalCompletionStage()
                : kinesalite.exitedOnItsOwn().toCompletableFuture().minimalCompletionStage();
    }

    @Override
    public void close() {
        closeBoth(client, kinesalite);
    }

    /** Kinesalite is stopped even when closing the client fails. */
    private static void closeBoth(KinesisClient client, KinesaliteProcess kinesalite) {
        try {
            if (client != null) {
                client.close();
            }
        } finally {
            if (kinesalite != null) {
                kinesalite.close();
            }
        }
    }
}
