package com.stockpulse.local.bench;

import com.stockpulse.local.runtime.LocalRuntime;
import com.stockpulse.local.runtime.LocalSettings;
import com.stockpulse.local.testing.TestSocket;
import com.stockpulse.local.testing.TestStacks;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One socket asks too much; how does a quiet neighbour on the same page fare? Starts the embedded stack in this JVM,
 * opens a neighbour that syncs every 100 ms, then lets an abuser send, in turn, 2,000 syncs in a burst, 5,000 syncs
 * over 5 s and 5,000 pings over 5 s. Prints, per scenario, the neighbour's sync round trips (p50, p99, max, and
 * syncs unanswered after 5 s), what the abuser got back and whether the server closed it.
 * Run: {@code ./mvnw -q install -DskipTests && ./mvnw -q -pl infra/local exec:exec@abuse-benchmark}
 */
public final class AbuseBenchmark {

    private static final String PAGE = "/products/sku-101";
    private static final Duration UNANSWERED = Duration.ofSeconds(5);

    private AbuseBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Files.createTempDirectory("abuse-benchmark");
        try (LocalRuntime runtime = LocalRuntime.start(TestStacks.settings(dataDir))) {
            URI page = URI.create(runtime.webSocketUrl() + "?page=" + PAGE);
            System.out.printf("%-22s %8s %8s %8s %11s %10s %8s %s%n", "scenario", "p50 ms", "p99 ms", "max ms",
                    "unanswered", "abuser got", "errors", "abuser closed");
            run("warm-up (no abuser)", page, 0, Duration.ofSeconds(3), "sync");
            run("2,000 syncs at once", page, 2_000, Duration.ZERO, "sync");
            run("5,000 syncs in 5 s", page, 5_000, Duration.ofSeconds(5), "sync");
            run("5,000 pings in 5 s", page, 5_000, Duration.ofSeconds(5), "ping");
        }
    }

    private static void run(String name, URI page, int messages, Duration over, String action) throws Exception {
        List<Long> roundTrips = Collections.synchronizedList(new ArrayList<>());
        int[] unanswered = {0};
        AtomicBoolean running = new AtomicBoolean(true);
        try (TestSocket neighbour = TestSocket.open(page); TestSocket abuser = TestSocket.open(page)) {
            Thread probe = Thread.ofPlatform().name("neighbour").start(() -> {
                while (running.get()) {
                    try {
                        long started = System.nanoTime();
                        neighbour.send("{\"action\":\"sync\",\"page\":\"" + PAGE + "\"}");
                        String frame;
                        do {
                            frame = neighbour.next(UNANSWERED);
                        } while (frame != null && !frame.contains("\"snapshot\""));
                        if (frame == null) {
                            unanswered[0]++;
                        } else {
                            roundTrips.add((System.nanoTime() - started) / 1_000_000);
                        }
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            Thread.sleep(500);
            long gapNanos = messages == 0 ? 0 : over.toNanos() / messages;
            long start = System.nanoTime();
            String message = "{\"action\":\"" + action + "\"" + (action.equals("sync") ? ",\"page\":\"" + PAGE + "\"" : "") + "}";
            for (int i = 0; i < messages; i++) {
                while (System.nanoTime() - start < i * gapNanos) {
                    Thread.onSpinWait();
                }
                try {
                    abuser.send(message);
                } catch (CompletionException | IllegalStateException e) {
                    break;
                }
            }
            Thread.sleep(Math.max(3_000, over.toMillis()));
            running.set(false);
            probe.join(UNANSWERED.toMillis() + 1_000);
            List<String> got = abuser.drain();
            long errors = got.stream().filter(frame -> frame.contains("\"error\"")).count();
            List<Long> sorted = new ArrayList<>(roundTrips);
            Collections.sort(sorted);
            System.out.printf("%-22s %8d %8d %8d %11d %10d %8d %s%n", name, at(sorted, 0.5), at(sorted, 0.99),
                    sorted.isEmpty() ? -1 : sorted.getLast(), unanswered[0], got.size(), errors,
                    abuser.isClosed() ? "yes" : "no");
        }
    }

    private static long at(List<Long> sorted, double quantile) {
        return sorted.isEmpty() ? -1 : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(quantile * sorted.size())));
    }
}
