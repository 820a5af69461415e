package com.stockpulse.local.console;

import com.stockpulse.local.runtime.RuntimeSample;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The console's one line every few seconds while something happens: open sockets, sales applied and posts
 * delivered per second, and how long the last applied sale had waited on the stream. Silent while the stack is idle,
 * so the console stays for what needs the user.
 */
final class StatusLine implements AutoCloseable {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("status-line").factory());
    private RuntimeSample previous;

    private StatusLine(RuntimeSample first) {
        this.previous = first;
    }

    /** Prints to {@code out} every {@code interval} while something happens, until closed. */
    static StatusLine start(Supplier<RuntimeSample> samples, PrintWriter out, Duration interval) {
        StatusLine line = new StatusLine(samples.get());
        line.timer.scheduleAtFixedRate(() -> line.next(samples.get(), interval).ifPresent(text -> {
            out.println(text);
            out.flush();
        }), interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return line;
    }

    /** The line for the interval that ends with {@code now}; empty when nothing moved. */
    synchronized Optional<String> next(RuntimeSample now, Duration interval) {
        RuntimeSample before = previous;
        previous = now;
        long sales = now.salesDone() - before.salesDone();
        long posts = now.postsDelivered() - before.postsDelivered();
        if (sales == 0 && posts == 0 && now.connections() == before.connections()) {
            return Optional.empty();
        }
        double seconds = interval.toMillis() / 1000.0;
        return Optional.of(String.format("%s  %,d sockets · %s sales/s applied (lag %,d ms) · %s posts/s%s",
                LocalTime.now().format(TIME), now.connections(), rate(sales / seconds), now.saleLag().toMillis(),
                rate(posts / seconds), now.faults().isEmpty() ? "" : " · chaos: " + now.faults()));
    }

    /** Whole numbers, but one decimal under 10, so one sale in an interval does not read as none. */
    private static String rate(double perSecond) {
        return perSecond < 10 ? String.format("%.1f", perSecond) : String.format("%,.0f", perSecond);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
