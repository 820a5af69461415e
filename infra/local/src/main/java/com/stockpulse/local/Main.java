package com.stockpulse.local;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** {@code stockpulse local}: starts the embedded system, prints where everything is, and runs until Ctrl-C. */
public final class Main {

    /** Not a setting of the runtime but of this command's console, so it is taken off before the settings parse. */
    private static final String VERBOSE = "--verbose";

    /** Measured (docs/benchmarks.md): 15 s did no better than 6 s; short next to a flash sale's connect ramp. */
    private static final Duration WARM_UP = Duration.ofSeconds(6);

    private Main() {
    }

    public static void main(String[] args) {
        List<String> arguments = Arrays.asList(args);
        if (arguments.isEmpty() || !arguments.getFirst().equals("local")) {
            System.out.print(LocalSettings.USAGE);
            System.exit(2);
        }
        System.exit(run(arguments.subList(1, arguments.size()), new PrintWriter(System.out, true),
                new PrintWriter(System.err, true)));
    }

    /**
     * Runs {@code stockpulse local} with its options until the JVM is asked to stop; returns an exit code when it
     * cannot start (2: bad arguments, 1: startup failed) or 0 for {@code --help}.
     */
    public static int run(List<String> options, PrintWriter out, PrintWriter err) {
        if (options.contains("--help") || options.contains("-h")) {
            out.print(LocalSettings.USAGE);
            out.flush();
            return 0;
        }
        boolean verbose = options.contains(VERBOSE);
        LocalSettings settings;
        try {
            settings = LocalSettings.fromArgs(options.stream().filter(option -> !option.equals(VERBOSE)).toList());
        } catch (IllegalArgumentException e) {
            err.println("stockpulse local: " + e.getMessage());
            err.print(LocalSettings.USAGE);
            err.flush();
            return 2;
        }
        Path logFile = settings.dataDir().resolve("stockpulse-local.log");
        try {
            LocalLogging.configure(logFile, System.err, verbose);
        } catch (UncheckedIOException e) {
            err.println("stockpulse local: " + e.getMessage());
            err.flush();
            return 1;
        }
        LocalRuntime runtime;
        try {
            runtime = LocalRuntime.start(settings);
        } catch (StartupFailedException e) {
            err.println("stockpulse local: " + e.getMessage());
            err.flush();
            return 1;
        }
        Duration ready = Duration.ofMillis(System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime());
        Path stateFile = LocalSettings.stateFile();
        try {
            LocalStackState.of(runtime).write(stateFile);
        } catch (UncheckedIOException e) {
            err.println("stockpulse local: " + e.getMessage() + "; the CLI finds this stack only on its default ports "
                    + "or with endpoint options");
        }
        printSummary(out, runtime, ready, stateFile, logFile, verbose);
        runtime.warmUp(WARM_UP);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("\nStopping StockPulse...");
            out.flush();
            LocalStackState.removeIfOurs(stateFile);
            runtime.close();
            stopped.countDown();
        }, "stockpulse-stop"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static void printSummary(PrintWriter out, LocalRuntime runtime, Duration ready, Path stateFile, Path logFile,
                                     boolean verbose) {
        String web = runtime.webUrl().toString();
        LocalSettings s = runtime.settings();
        out.printf("%nStockPulse is running locally (ready in %.1f s since the JVM started).%n%n", ready.toMillis() / 1000.0);
        out.printf("  Product page    %s/products/sku-100%n", web);
        out.printf("  Listing page    %s/collections/summer%n", web);
        out.printf("  WebSocket API   %s?page=/products/sku-100%n", runtime.webSocketUrl());
        out.printf("  @connections    %s/@connections/{connectionId}   (POST, GET, DELETE)%n", runtime.managementEndpoint());
        out.printf("  Kinesis         %s   stream %s, %d shard(s), CBOR off%n", runtime.kinesisEndpoint(),
                s.streamName(), s.streamShards());
        out.printf("  DynamoDB        %s   tables %s%n", runtime.dynamoDbEndpoint(), String.join(", ", runtime.tableNames()));
        out.printf("  On-failure      %s%n                  %s%n", runtime.saleFailures().file(), runtime.stockFailures().file());
        out.printf("  Mappings        %s and %s, polled every %d ms%n", s.saleEvents().name(), s.stockChanges().name(),
                s.pollInterval().toMillis());
        out.printf("  State file      %s   (the CLI finds this stack from any directory)%n", stateFile);
        out.printf("  Log file        %s%s%n", logFile, verbose ? "   (and here, --verbose)"
                : "   (below: only what needs you; --verbose shows it all)");
        out.printf("%nCredentials for the local endpoints: any (for example AWS_ACCESS_KEY_ID=local "
                + "AWS_SECRET_ACCESS_KEY=local), region %s.%nCtrl-C stops everything.%n", s.region());
        out.flush();
    }
}
