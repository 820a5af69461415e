package com.stockpulse.functions;

import com.stockpulse.functions.config.FunctionsConfig;
import com.stockpulse.functions.config.Wiring;
import com.stockpulse.functions.messaging.InMemoryConnectionMessenger;
import com.stockpulse.functions.store.Connection;
import com.stockpulse.functions.testing.LambdaContainer;
import com.stockpulse.functions.testing.LambdaFunctions;
import com.stockpulse.functions.testing.LocalDynamoDb;
import com.stockpulse.functions.testing.ManagementApiStub;
import com.stockpulse.functions.testing.RuntimeApi;
import com.stockpulse.model.EventType;
import com.stockpulse.model.FunctionAccess;
import com.stockpulse.model.PageKey;
import com.stockpulse.model.SaleEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Cold starts of the Lambda jar under AWS's runtime interface client, as Lambda reports them: the init duration
 * (the JVM's start to the runtime's first {@code invocation/next}) and the first invocation (event sent to answer
 * received), per function, on-demand and with SnapStart's initialization (before-checkpoint hooks included in the
 * init; the first invocation after the restore). No restore from a real snapshot happens here: the figures are the
 * work SnapStart moves out of the first request, not Lambda's restore time.
 *
 * <pre>
 * ./mvnw -q install -DskipTests &amp;&amp; ./mvnw -q -pl functions exec:exec@cold-start-benchmark
 *     [-Dcold.jar=path/to/lambda.jar] [-Dcold.lib=a.jar,b.jar] [-Dcold.runs=5]
 * </pre>
 * {@code cold.lib}: more jars beside the function's in {@code lib/}, to measure a jar with a dependency put back.
 */
public final class LambdaColdStartBenchmark {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private LambdaColdStartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(System.getProperty("cold.jar"));
        List<Path> jars = new ArrayList<>(List.of(jar));
        String lib = System.getProperty("cold.lib", "");
        if (!lib.isBlank()) {
            Arrays.stream(lib.split(",")).map(String::trim).map(Path::of).forEach(jars::add);
        }
        int runs = Integer.getInteger("cold.runs", 5);
        long bytes = 0;
        for (Path one : jars) {
            bytes += Files.size(one);
        }
        System.out.printf(Locale.ROOT, "jar %s%s: %,d bytes; JDK %s; %d runs per row; medians (min-max), ms%n", jar,
                jars.size() > 1 ? " + " + jars.subList(1, jars.size()) : "", bytes,
                Runtime.version(), runs);
        System.out.printf(Locale.ROOT, "%-20s %-10s %-26s %-26s%n", "function", "init", "init duration",
                "first invocation");
        FunctionsConfig config = LocalDynamoDb.freshTables();
        Wiring rows = Wiring.create(config, LocalDynamoDb.client(), InMemoryConnectionMessenger.create());
        rows.stockApplier().apply(new SaleEvent("set-1", EventType.SET, "sku-123", 5, Instant.now(), "bench"));
        try (ManagementApiStub managementApi = new ManagementApiStub()) {
            for (boolean snapStart : List.of(false, true)) {
                for (FunctionAccess function : FunctionAccess.values()) {
                    long[] init = new long[runs];
                    long[] first = new long[runs];
                    String failure = null;
                    int measured = 0;
                    for (int run = 0; run < runs && failure == null; run++) {
                        Instant now = Instant.now();
                        rows.connectionStore().add(new Connection("L0SM9cOFvHcCIhw=", PageKey.product("sku-123"),
                                now, now.plusSeconds(600)));
                        managementApi.open("L0SM9cOFvHcCIhw=");
                        try (RuntimeApi runtimeApi = new RuntimeApi();
                             LambdaContainer container = LambdaContainer.start(jars, LambdaFunctions.handler(function),
                                     LambdaFunctions.environment(function, config, LocalDynamoDb.endpoint(),
                                             managementApi.endpoint()), runtimeApi, snapStart)) {
                            Optional<Long> ready = container.await(runtimeApi.firstNext(), WAIT);
                            if (ready.isEmpty()) {
                                failure = "died in init: " + lastLines(container);
                                break;
                            }
                            init[run] = container.nanosSinceStart(ready.get());
                            long sent = System.nanoTime();
                            RuntimeApi.Answer answer = container.await(runtimeApi.invoke(LambdaFunctions.arn(function),
                                    LambdaFunctions.sampleEvent(function)), WAIT).orElseThrow(() ->
                                    new IllegalStateException(function + " gave no answer: " + lastLines(container)));
                            first[run] = System.nanoTime() - sent;
                            if (answer.failed()) {
                                failure = "invocation failed: " + answer.body();
                            } else {
                                measured++;
                            }
                        }
                    }
                    System.out.printf(Locale.ROOT, "%-20s %-10s %-26s %-26s%n", function,
                            snapStart ? "snap-start" : "on-demand", init[0] == 0 ? "-" : stats(init, Math.max(1, measured)),
                            failure != null ? failure : stats(first, measured));
                }
            }
        }
        System.exit(0); // DynamoDB Local leaves a non-daemon thread behind
    }

    private static String lastLines(LambdaContainer container) {
        List<String> lines = container.output().stream().filter(line -> line.contains("Exception")
                || line.contains("Error")).toList();
        return lines.isEmpty() ? "(no error line)" : lines.getFirst();
    }

    /** Median, min and max of the first {@code count} figures. */
    private static String stats(long[] nanos, int count) {
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "%,d (%,d-%,d)", sorted[sorted.length / 2] / 1_000_000,
                sorted[0] / 1_000_000, sorted[sorted.length - 1] / 1_000_000);
    }
}
