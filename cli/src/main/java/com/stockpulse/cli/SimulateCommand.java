package com.stockpulse.cli;

import com.stockpulse.model.EventType;
import com.stockpulse.model.SaleEvent;
import com.stockpulse.model.Sku;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Sale traffic at a steady rate, batched with PutRecords, with a progress bar; Ctrl-C stops cleanly.",
        footerHeading = "%nExamples:%n",
        footer = {"  stockpulse simulate --rate 200/s --duration 60s --skus sku-100,sku-101,sku-102",
                  "  stockpulse simulate --rate 50/s --duration 2m --skus sku-100,sku-103 --distribution zipf"})
final class SimulateCommand implements Callable<Integer> {

    enum Distribution { UNIFORM, ZIPF }

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Option(names = "--rate", defaultValue = "200/s", converter = Converters.Rate.class, paramLabel = "N/s",
            description = "Sale events per second (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--duration", defaultValue = "60s", converter = Converters.Time.class, paramLabel = "TIME",
            description = "How long, e.g. 30s or 2m (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--skus", required = true, split = ",", paramLabel = "SKU", description = "The SKUs to sell, comma-separated.")
    List<String> skus;

    @Option(names = "--distribution", defaultValue = "uniform", paramLabel = "KIND",
            description = "uniform, or zipf (the first SKU sells most) (default: ${DEFAULT-VALUE}).")
    Distribution distribution;

    private volatile boolean stopping;

    /** What was put, per SKU and in all. */
    private static final class Tally {
        final Map<String, Long> perSku = new LinkedHashMap<>();
        long sent;
        long failed;
        long throttled;
    }

    @Override
    public Integer call() throws Exception {
        List<String> normalized = skus.stream().map(sku -> Sku.normalize(sku, "--skus")).toList();
        SkuPicker picker = new SkuPicker(normalized, distribution, new Random());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Target resolved = target.resolve();
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stopping = true;
            try {
                done.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "simulate-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        Tally tally = new Tally();
        long started = System.nanoTime();
        try (EventPublisher publisher = new EventPublisher(resolved)) {
            drive(publisher, picker, tally, started, err);
        } finally {
            double seconds = (System.nanoTime() - started) / 1e9;
            err.println();
            out.printf("%s: %,d sale events put in %.1f s (%.1f/s achieved, %.1f/s asked), %,d failed, %,d throttled "
                    + "and retried%n", stopping ? "stopped" : "done", tally.sent, seconds, tally.sent / seconds, rate,
                    tally.failed, tally.throttled);
            tally.perSku.forEach((sku, count) -> out.printf("  %-24s %,d%n", sku, count));
            out.flush();
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Ctrl-C: the JVM is already shutting down and our hook is what waits for these totals.
                err.flush();
            }
        }
        return tally.failed > 0 ? ExitCodes.TOO_MANY_ERRORS : ExitCodes.OK;
    }

    /** Puts what is due at the asked rate every 20 ms, in batches, until the duration is over or Ctrl-C. */
    private void drive(EventPublisher publisher, SkuPicker picker, Tally tally, long started, PrintWriter err)
            throws InterruptedException {
        long end = started + duration.toNanos();
        long lastProgress = 0;
        while (!stopping && System.nanoTime() < end) {
            double elapsed = (System.nanoTime() - started) / 1e9;
            long due = (long) (rate * elapsed) - tally.sent - tally.failed;
            List<SaleEvent> batch = new ArrayList<>();
            for (long i = 0; i < Math.min(due, EventPublisher.MAX_BATCH); i++) {
                String sku = picker.next();
                batch.add(SaleEvents.validated(EventType.SALE, sku, 1, "simulate"));
                tally.perSku.merge(sku, 1L, Long::sum);
            }
            if (!batch.isEmpty()) {
                EventPublisher.BatchResult result = publisher.putBatch(batch);
                tally.sent += result.put();
                tally.failed += result.failed();
                tally.throttled += result.throttled();
            }
            if (System.nanoTime() - lastProgress > 500_000_000L) {
                lastProgress = System.nanoTime();
                progress(err, elapsed, tally.sent, tally.failed);
            }
            Thread.sleep(20);
        }
    }

    private void progress(PrintWriter err, double elapsed, long sent, long failed) {
        double total = duration.toMillis() / 1000.0;
        int width = 30;
        int filled = (int) Math.min(width, Math.round(width * elapsed / total));
        err.printf("\r[%s%s] %5.1fs/%.0fs  sent %,d  %.1f/s  failed %,d   ", "#".repeat(filled), ".".repeat(width - filled),
                elapsed, total, sent, elapsed > 0 ? sent / elapsed : 0, failed);
        err.flush();
    }

    /** Picks SKUs uniformly, or by Zipf's law (weight 1/rank), so a few SKUs are hot as in a real shop. */
    static final class SkuPicker {
        private final List<String> skus;
        private final double[] cumulative;
        private final Random random;

        SkuPicker(List<String> skus, Distribution distribution, Random random) {
            this.skus = skus;
            this.random = random;
            this.cumulative = new double[skus.size()];
            double sum = 0;
            for (int i = 0; i < skus.size(); i++) {
                sum += distribution == Distribution.ZIPF ? 1.0 / (i + 1) : 1.0;
                cumulative[i] = sum;
            }
            for (int i = 0; i < cumulative.length; i++) {
                cumulative[i] /= sum;
            }
        }

        String next() {
            double draw = random.nextDouble();
            for (int i = 0; i < cumulative.length; i++) {
                if (draw < cumulative[i]) {
                    return skus.get(i);
                }
            }
            return skus.getLast();
        }
    }
}
