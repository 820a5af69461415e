package com.stockpulse.local.console;

import com.stockpulse.local.runtime.JitWarmUp;
import com.stockpulse.local.runtime.LocalRuntime;
import com.stockpulse.local.runtime.LocalSettings;
import com.stockpulse.local.runtime.LocalStackState;
import com.stockpulse.local.runtime.StartupFailedException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The console of {@code stockpulse local} (the CLI's {@code local} command parses its options): starts the embedded
 * system, prints where everything is, and runs until Ctrl-C.
 */
public final class LocalConsole {

    private static final Duration STATUS_EVERY = Duration.ofSeconds(5);

    private LocalConsole() {
    }

    /**
     * Runs the stack with {@code settings} until the JVM is asked to stop (0) or a stand-in dies (1); returns 1 at
     * once when it cannot start. {@code verbose} prints every log line, not only the log file's.
     */
    public static int run(LocalSettings settings, boolean verbose, PrintWriter out, PrintWriter err) {
        Path logFile = settings.storage().dir().resolve("stockpulse-local.log");
        LocalRuntime runtime;
        try {
            LocalLogging.configure(logFile, System.err, verbose);
            runtime = LocalRuntime.start(settings);
        } catch (UncheckedIOException | StartupFailedException e) {
            err.println("stockpulse local: " + e.getMessage());
            err.flush();
            return 1;
        }
        return serve(runtime, logFile, verbose, out, err);
    }

    /** Announces the running stack, warms it up, and waits for Ctrl-C (0) or a stand-in's death (1). */
    private static int serve(LocalRuntime runtime, Path logFile, boolean verbose, PrintWriter out, PrintWriter err) {
        Duration ready = Duration.ofMillis(System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime());
        StateFile stateFile = new StateFile(LocalSettings.stateFile(), runtime, err);
        Optional<JitWarmUp> warmUp = runtime.warmUp(JitWarmUp.SALES, JitWarmUp.LIMIT);
        stateFile.write(warmUp.isPresent());
        printSummary(out, runtime, ready, stateFile.file, logFile, verbose, warmUp.isPresent());
        AtomicReference<StatusLine> status = statusAfter(warmUp, runtime, stateFile, out);
        CompletableFuture<Integer> exitCode = new CompletableFuture<>();
        runtime.brokenDown().thenAccept(reason -> {
            err.println("stockpulse local: " + reason);
            err.println("stockpulse local: stopping, as sales cannot flow without it; start it again with "
                    + "./stockpulse local (the log file may say more: " + logFile + ")");
            err.flush();
            exitCode.complete(1);
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("\nStopping StockPulse...");
            if (runtime.settings().chaos().isOn()) {
                out.println("Faults injected: " + runtime.settings().chaos().injected());
            }
            out.flush();
            stateFile.remove();
            Optional.ofNullable(status.get()).ifPresent(StatusLine::close);
            runtime.close();
            exitCode.complete(0);
        }, "stockpulse-stop"));
        return exitCode.join();
    }

    /**
     * The status line, started once the warm-up is done (its own sockets and posts are not the user's), with a line
     * saying how the warm-up went; at once when there is none.
     */
    private static AtomicReference<StatusLine> statusAfter(Optional<JitWarmUp> warmUp, LocalRuntime runtime,
                                                          StateFile stateFile, PrintWriter out) {
        AtomicReference<StatusLine> status = new AtomicReference<>();
        Runnable startStatus = () -> status.set(StatusLine.start(() -> runtime.sample(), out, STATUS_EVERY));
        long warmUpStarted = System.nanoTime();
        warmUp.ifPresentOrElse(running -> running.finished().thenAccept(sales -> {
            if (!stateFile.write(false)) {
                return; // stopping
            }
            if (sales > 0) {
                out.printf("Warmed up: %,d sales through the sale and broadcast path in %.0f s; load tests from now "
                        + "measure the running system.%n", sales, (System.nanoTime() - warmUpStarted) / 1e9);
            } else {
                out.printf("The JIT warm-up stopped early (the log file says why); the first seconds of a load test "
                        + "will run on a cold JIT.%n");
            }
            out.flush();
            startStatus.run();
        }), startStatus);
        return status;
    }

    /** The state file the CLI reads ({@link LocalStackState}): written while the stack runs, removed at its stop. */
    private static final class StateFile {
        private final Path file;
        private final LocalRuntime runtime;
        private final PrintWriter err;
        private boolean removed;

        StateFile(Path file, LocalRuntime runtime, PrintWriter err) {
            this.file = file;
            this.runtime = runtime;
            this.err = err;
        }

        /**
         * Writes the stack's state; false once the stack is stopping, when another stack has taken the file since,
         * or when it cannot be written.
         */
        synchronized boolean write(boolean warmingUp) {
            if (removed || LocalStackState.read(file).filter(state -> state.pid() != ProcessHandle.current().pid())
                    .isPresent()) {
                return false;
            }
            try {
                LocalStackState.of(runtime, warmingUp).write(file);
                return true;
            } catch (UncheckedIOException e) {
                err.println("stockpulse local: " + e.getMessage() + "; the CLI finds this stack only on its default "
                        + "ports or with endpoint options");
                err.flush();
                return false;
            }
        }

        synchronized void remove() {
            removed = true;
            LocalStackState.removeIfOurs(file);
        }
    }

    private static void printSummary(PrintWriter out, LocalRuntime runtime, Duration ready, Path stateFile, Path logFile,
                                     boolean verbose, boolean warmingUp) {
        String web = runtime.webUrl().toString();
        LocalSettings s = runtime.settings();
        out.printf("%nStockPulse is running locally (ready in %.1f s since the JVM started).%n%n", ready.toMillis() / 1000.0);
        out.printf("  Product page    %s/products/sku-100%n", web);
        out.printf("  Listing page    %s/collections/summer%n", web);
        out.printf("  WebSocket API   %s?page=/products/sku-100%n", runtime.webSocketUrl());
        out.printf("  @connections    %s/@connections/{connectionId}   (POST, GET, DELETE)%n", runtime.managementEndpoint());
        out.printf("  Kinesis         %s   stream %s, %d shard(s), CBOR off%n", runtime.kinesisEndpoint(),
                s.streamName(), s.mappings().shards());
        out.printf("  DynamoDB        %s   tables %s%n", runtime.dynamoDbEndpoint(), String.join(", ", runtime.tableNames()));
        out.printf("  On-failure      %s%n                  %s%n", runtime.saleMapping().failures().file(),
                runtime.stockMapping().failures().file());
        if (runtime.settings().chaos().isOn()) {
            out.printf("  Chaos           %s (counted on the status line)%n", runtime.settings().chaos());
        }
        out.printf("  Mappings        %s and %s, polled every %d ms%n", s.mappings().saleEvents().name(),
                s.mappings().stockChanges().name(), s.mappings().pollInterval().toMillis());
        out.printf("  Data            %s%n", s.storage().persistent()
                ? s.storage().dir() + "   (tables, stream and checkpoints kept across restarts)"
                : "in memory, gone at stop (--data-dir DIR keeps it)");
        out.printf("  Post budget     %,d posts/s   (--post-budget)%n", s.postBudget());
        out.printf("  New sockets     %,.0f a second, past it 429 as on AWS   (--connect-rate)%n",
                s.webSocketApi().connectsPerSecond());
        out.printf("  State file      %s   (the CLI finds this stack from any directory)%n", stateFile);
        out.printf("  Log file        %s%s%n", logFile, verbose ? "   (and here, --verbose)"
                : "   (below: only what needs you; --verbose shows it all)");
        if (warmingUp) {
            out.printf("  JIT warm-up     %,d sales on scratch tables, in the background for about 20 s (a load test "
                    + "waits for it)%n", JitWarmUp.SALES);
        }
        out.printf("%nCredentials for the local endpoints: any (for example AWS_ACCESS_KEY_ID=local "
                + "AWS_SECRET_ACCESS_KEY=local), region %s.%nCtrl-C stops everything.%n", s.region());
        out.flush();
    }
}
