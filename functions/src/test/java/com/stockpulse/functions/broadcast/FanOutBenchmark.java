package com.stockpulse.functions.broadcast;

import com.stockpulse.functions.messaging.InMemoryConnectionMessenger;
import com.stockpulse.functions.store.Connection;
import com.stockpulse.functions.store.PageDirectory;
import com.stockpulse.functions.store.memory.InMemoryCatalogStore;
import com.stockpulse.functions.store.memory.InMemoryConnectionStore;
import com.stockpulse.functions.store.memory.InMemoryStockStore;
import com.stockpulse.model.PageKey;
import com.stockpulse.model.StockLevel;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Fan-out of one stock message to 10,000 viewers through the in-memory messenger: how many posts per second our
 * code can make, and how many bytes it allocates per post, when the network is not the limit. AWS caps an account
 * at 10,000 PostToConnection/s, so our code should manage several times that.
 *
 * <p>Run: {@code ./mvnw -q -pl functions -am test-compile exec:exec@fanout-benchmark}
 * (arguments: viewers, measured rounds, warm-up rounds, concurrency levels).
 */
public final class FanOutBenchmark {

    private FanOutBenchmark() {
    }

    public static void main(String[] args) {
        int viewers = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        int[] concurrencies = args.length > 3
                ? Arrays.stream(args[3].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {64, 16, 1};

        Instant now = Instant.now();
        PageKey page = PageKey.product("sku-bench");
        InMemoryConnectionStore connections = new InMemoryConnectionStore();
        for (int i = 0; i < viewers; i++) {
            connections.add(new Connection("conn-" + i + "-AbCdEfGhIj=", page, now, now.plusSeconds(7200)));
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

        System.out.printf("fan-out benchmark: %,d viewers, %d rounds after %d warm-up, JDK %s, %d cores%n",
                viewers, rounds, warmUp, Runtime.version(), Runtime.getRuntime().availableProcessors());
        System.out.printf("%-12s %14s %14s %14s %16s%n", "concurrency", "msgs/s (mean)", "msgs/s (best)",
                "ms/round p50", "bytes/msg");
        long version = 0;
        for (int concurrency : concurrencies) {
            InMemoryConnectionMessenger messenger = InMemoryConnectionMessenger.counting();
            InMemoryStockStore stock = new InMemoryStockStore();
            StockFanOut fanOut = new StockFanOut(new PageDirectory(new InMemoryCatalogStore()), connections, stock, stock,
                    messenger,
                    FanOutSettings.of(concurrency, Duration.ofMinutes(1)), Clock.systemUTC());
            for (int i = 0; i < warmUp; i++) {
                fanOut.fanOut(List.of(change(++version, now)));
            }
            long[] nanos = new long[rounds];
            long allocatedBefore = threads.getTotalThreadAllocatedBytes();
            long deliveredBefore = messenger.deliveredCalls();
            long started = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                long roundStart = System.nanoTime();
                FanOutReport report = fanOut.fanOut(List.of(change(++version, now)));
                nanos[i] = System.nanoTime() - roundStart;
                if (report.delivered() != viewers) {
                    throw new IllegalStateException("round " + i + " delivered " + report.delivered() + " of " + viewers);
                }
            }
            long elapsed = System.nanoTime() - started;
            long allocated = threads.getTotalThreadAllocatedBytes() - allocatedBefore;
            long delivered = messenger.deliveredCalls() - deliveredBefore;
            Arrays.sort(nanos);
            System.out.printf("%-12d %,14.0f %,14.0f %14.2f %,16.1f%n", concurrency,
                    delivered / (elapsed / 1e9),
                    viewers / (nanos[0] / 1e9),
                    nanos[rounds / 2] / 1e6,
                    (double) allocated / delivered);
        }
        System.out.println("bytes/msg counts every thread's allocations during the measured rounds "
                + "(resolving viewers, workers, the in-memory messenger's counters) divided by messages delivered.");
    }

    private static StockChange change(long version, Instant now) {
        return new StockChange(Long.toString(version), new StockLevel("sku-bench", 1_000 - version % 1_000, version, now));
    }
}
