package com.stockpulse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.stockpulse.model.ClientAction;
import com.stockpulse.model.ClientRequest;
import com.stockpulse.model.PageKey;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Connect to a page like a browser and print each update with its version and lag.",
        footerHeading = "%nExamples:%n",
        footer = {"  stockpulse watch --page /products/sku-100",
                  "  stockpulse watch --page /collections/summer --count 10"})
final class WatchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Option(names = "--page", required = true, paramLabel = "PAGE", description = "A page key, e.g. /products/sku-100.")
    String page;

    @Option(names = "--count", paramLabel = "N", description = "Stop after N stock updates (snapshots not counted).")
    Integer count;

    @Option(names = "--duration", converter = Converters.Time.class, paramLabel = "TIME", description = "Stop after this long.")
    Duration duration;

    @Override
    public Integer call() throws Exception {
        PageKey pageKey = PageKey.parse(page, "--page");
        String key = pageKey.value();
        Target resolved = target.resolve();
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch finished = new CountDownLatch(1);
        AtomicInteger updates = new AtomicInteger();
        Map<String, Long> versions = new ConcurrentHashMap<>();
        ViewerClient client;
        try {
            client = ViewerClient.openFor(resolved, key, frame -> {
                print(out, frame, versions);
                if (frame.path("type").asText().equals("stock") && count != null && updates.incrementAndGet() >= count) {
                    finished.countDown();
                }
            });
        } catch (ViewerClient.ConnectFailure failure) {
            spec.commandLine().getErr().println("stockpulse watch: " + failure.getMessage());
            return ExitCodes.BAD_ARGUMENTS;
        }
        out.printf("watching %s on %s (Ctrl-C stops)%n", key, resolved.webSocketUrl());
        out.flush();
        // Naming the page saves the server a read of the connection row.
        client.send(ClientRequest.sync(pageKey));
        client.closed.thenRun(finished::countDown);
        Thread pinger = Thread.ofVirtual().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(Duration.ofMinutes(5));
                    client.send(ClientRequest.of(ClientAction.PING));
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        if (duration != null) {
            finished.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            finished.await();
        }
        pinger.interrupt();
        client.close();
        return ExitCodes.OK;
    }

    private static void print(PrintWriter out, JsonNode frame, Map<String, Long> versions) {
        String now = Instant.now().toString();
        switch (frame.path("type").asText()) {
            case "snapshot" -> frame.path("items").forEach(item -> line(out, now, "snapshot", item, versions));
            case "stock" -> line(out, now, "update", frame, versions);
            case "error" -> out.printf("%s  error     %s: %s%n", now, frame.path("code").asText(), frame.path("message").asText());
            case "pong" -> { }
            default -> out.printf("%s  frame     %s%n", now, frame);
        }
        out.flush();
    }

    private static void line(PrintWriter out, String now, String kind, JsonNode item, Map<String, Long> versions) {
        String sku = item.path("sku").asText();
        long version = item.path("version").asLong();
        Long known = versions.get(sku);
        String note = known != null && known >= version ? "  (older than v" + known + ": a browser drops it)" : "";
        if (known == null || version > known) {
            versions.put(sku, version);
        }
        long lag = Duration.between(Instant.parse(item.path("updatedAt").asText()), Instant.now()).toMillis();
        out.printf("%s  %-8s  %-20s v%-6d available %-8d lag %d ms%s%n", now, kind, sku, version,
                item.path("available").asLong(), lag, note);
    }
}
