package com.stockpulse.local.dynamodb;

import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import com.amazonaws.services.dynamodbv2.local.shared.access.LocalDBClient;
import com.amazonaws.services.dynamodbv2.local.shared.jobs.JobsRegister;
import com.stockpulse.local.runtime.StartupFailedException;
import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * AWS's DynamoDB Local 2.6.1 in this JVM, in memory or in one file: one database, served two ways.
 * <ul>
 *   <li>{@link #client()} and {@link #streamsClient()}: SDK v2 clients that call it directly (no HTTP, no signing),
 *       with the exceptions the SDK's HTTP clients raise, for the runtime's own code;</li>
 *   <li>{@link #endpoint()}: its HTTP API on 127.0.0.1 only, where every access key and region sees that same
 *       database ({@code -sharedDb}), for the AWS CLI, boto3 or another JVM.</li>
 * </ul>
 * Assembled from DynamoDB Local's public classes ({@code LocalDBClient}, {@code SQLiteDBAccess} (through
 * {@link CachingDbAccess}), {@code JobsRegister},
 * {@code LocalDynamoDBServerHandler}) instead of {@code ServerRunner}, whose server listens on every interface and
 * whose databases (one per access key, or one with {@code -sharedDb}) cannot be reached in-process. The Jetty server
 * is the one {@code DynamoDBProxyServer} builds, with a loopback connector. Telemetry is never configured, so it is
 * off as with {@code -disableTelemetry}, and nothing is written to the working directory.
 */
public final class DynamoDbLocal implements DynamoDbService {

    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbLocal.class);
    private static final String HOST = "127.0.0.1";
    /** The file name DynamoDB Local's {@code -sharedDb} uses in its {@code -dbPath}. */
    public static final String SHARED_DB_FILE = "shared-local-instance.db";
    /** sqlite4java logs every library load at INFO; ServerRunner turns it down the same way (held: JUL forgets). */
    private static final java.util.logging.Logger SQLITE_LOG = java.util.logging.Logger.getLogger("com.almworks.sqlite4java");

    private final LocalDBClient database;
    private final DynamoDbClient client;
    private final DynamoDbStreamsClient streamsClient;
    private final Server server;
    private final ServerConnector connector;
    /** The port the HTTP API listens on, known once it started. */
    private int port;
    /** In-process calls hold the read side; close takes the write side, so it waits for the calls under way. */
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private volatile boolean closed;

    private DynamoDbLocal(LocalDBClient database, int port) {
        this.database = database;
        this.client = InProcessClient.dynamoDb(database, lifecycle.readLock(), () -> closed);
        this.streamsClient = InProcessClient.streams(database, lifecycle.readLock(), () -> closed);
        QueuedThreadPool threads = new QueuedThreadPool(50, 2);
        threads.setName("dynamodb-local-http");
        threads.setDaemon(true);
        server = new Server(threads);
        connector = new ServerConnector(server);
        connector.setHost(HOST);
        connector.setPort(port);
        server.addConnector(connector);
        // What DynamoDBProxyServer.setUpHandler builds; no CORS, as ServerRunner without -cors.
        ContextHandler context = new ContextHandler();
        context.setHandler(new LocalDynamoDBServerHandler(new SharedDbRequestHandler(database), null));
        server.setHandler(new ContextHandlerCollection(context));
    }

    /**
     * Starts an empty in-memory database and its HTTP API on 127.0.0.1:{@code port} (0: any free port).
     *
     * @throws StartupFailedException when the port is taken or DynamoDB Local cannot start
     */
    public static DynamoDbLocal start(int port) {
        return start(port, Optional.empty());
    }

    /**
     * As {@link #start(int)}, with the database kept in {@code file} when one is given (created if missing; the
     * file is what {@code -sharedDb -dbPath} would use, {@value #SHARED_DB_FILE}, if it is named so).
     */
    public static DynamoDbLocal start(int port, Optional<Path> file) {
        SQLITE_LOG.setLevel(java.util.logging.Level.WARNING);
        // As LocalDynamoDBRequestHandler builds each database, but with daemon threads for its background jobs (TTL
        // deletion, index builds) so that they cannot hold the JVM open.
        ExecutorService jobs = Executors.newFixedThreadPool(10,
                Thread.ofPlatform().daemon().name("dynamodb-local-job-", 0).factory());
        LocalDBClient database = null;
        try {
            CachingDbAccess access = file.isPresent() ? new CachingDbAccess(createParent(file.get()).toFile())
                    : new CachingDbAccess();
            database = new LocalDBClient(access, new JobsRegister(jobs, false));
            DynamoDbLocal local = new DynamoDbLocal(database, port);
            local.server.start();
            local.port = local.connector.getLocalPort();
            return local;
        } catch (Exception | LinkageError e) {
            if (database != null) {
                database.shutdown();
            }
            jobs.shutdownNow();
            if (e instanceof IOException && e.getCause() instanceof BindException) {
                throw new StartupFailedException("port " + port + " is taken: DynamoDB Local cannot listen on "
                        + HOST + ":" + port, e);
            }
            throw new StartupFailedException("DynamoDB Local did not start on " + HOST + ":" + port + ": " + e, e);
        }
    }

    private static Path createParent(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return file;
    }

    /** The HTTP API, {@code http://127.0.0.1:port}: any access key and region see the same tables. */
    @Override
    public URI endpoint() {
        return URI.create("http://" + HOST + ":" + port);
    }

    public int port() {
        return port;
    }

    /** DynamoDB, in-process; closing it does nothing (the database lives until {@link #close()}). */
    @Override
    public DynamoDbClient client() {
        return client;
    }

    /** DynamoDB Streams, in-process; closing it does nothing. */
    @Override
    public DynamoDbStreamsClient streamsClient() {
        return streamsClient;
    }

    /** Stops the HTTP API, waits for the in-process calls under way, then drops the database; safe to call twice. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("DynamoDB Local's HTTP server did not stop cleanly: {}", e.toString());
        }
        lifecycle.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                database.shutdown();
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }
}
