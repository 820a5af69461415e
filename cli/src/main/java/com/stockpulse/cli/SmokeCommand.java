package com.stockpulse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.stockpulse.model.ClientRequest;
import com.stockpulse.model.EventType;
import com.stockpulse.model.PageKey;
import com.stockpulse.model.SaleEvent;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The whole flow once, as after a deploy: a viewer opens the test SKU's page, a SET goes onto the stream, and the
 * viewer must show the new count within the timeout. Exit 0 when it does, 1 when it does not, 3 when an endpoint
 * cannot be reached.
 */
@Command(name = "smoke", mixinStandardHelpOptions = true,
        description = "Check a stack end to end: a viewer of a test SKU's page receives a SET put on that SKU.",
        footerHeading = "%nExamples:%n",
        footer = {"  stockpulse smoke                                   # the local stack",
                  "  stockpulse smoke --stack StockPulse --region eu-west-1"})
final class SmokeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Option(names = "--sku", defaultValue = "smoke-test", paramLabel = "SKU",
            description = "The SKU to set; keep it out of the shop's catalog (default: ${DEFAULT-VALUE}).")
    String sku;

    @Option(names = "--timeout", defaultValue = "10s", converter = Converters.Time.class, paramLabel = "TIME",
            description = "How long the viewer may wait for the update (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        // A value unlikely to be the current one, so only this run's SET can show it.
        long units = ThreadLocalRandom.current().nextLong(100_000, 1_000_000);
        SaleEvent event = SaleEvents.validated(EventType.SET, sku, units, "smoke");
        PageKey page = PageKey.product(event.sku());
        Target resolved = target.resolve();
        PrintWriter out = spec.commandLine().getOut();
        CompletableFuture<JsonNode> seen = new CompletableFuture<>();
        AtomicReference<String> last = new AtomicReference<>("nothing");
        long started = System.nanoTime();
        ViewerClient viewer;
        try {
            viewer = ViewerClient.openFor(resolved, page.value(), frame -> {
                last.set(frame.toString());
                if (shows(frame, event.sku(), units)) {
                    seen.complete(frame);
                }
            });
        } catch (ViewerClient.ConnectFailure failure) {
            out.printf("FAILED  the viewer could not connect to %s: %s%n", page, failure.getMessage());
            out.flush();
            return ExitCodes.CHECK_FAILED;
        }
        try {
            out.printf("viewer  open on %s (%d ms)%n", page, millisSince(started));
            viewer.send(ClientRequest.sync(page));
            try (EventPublisher publisher = new EventPublisher(resolved)) {
                publisher.put(event);
            }
            long put = System.nanoTime();
            out.printf("put     SET %d of %s as %s (%d ms)%n", units, event.sku(), event.eventId(), millisSince(started));
            out.flush();
            try {
                seen.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                out.printf("FAILED  the viewer did not show %d within %s of the put; last frame: %s%n", units,
                        timeout.toMillis() + " ms", last.get());
                out.flush();
                return ExitCodes.CHECK_FAILED;
            }
            out.printf("ok      the viewer showed %d %d ms after the put; %s works end to end%n", units,
                    millisSince(put), resolved.description());
            out.flush();
            return ExitCodes.OK;
        } finally {
            viewer.close();
        }
    }

    /** A stock update or a snapshot that holds the SKU at exactly this count. */
    private static boolean shows(JsonNode frame, String sku, long units) {
        for (JsonNode item : ViewerClient.stockItems(frame)) {
            if (item.path("sku").asText().equals(sku) && item.path("available").asLong() == units) {
                return true;
            }
        }
        return false;
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }
}
