package com.stockpulse.cli;

import com.stockpulse.local.runtime.LocalSettings;
import com.stockpulse.local.runtime.LocalStackState;
import com.stockpulse.model.EventType;
import com.stockpulse.model.FunctionSetting;
import com.stockpulse.model.Json;
import com.stockpulse.model.SaleEvent;
import com.stockpulse.model.StockLevel;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;

@Command(name = "loadtest", mixinStandardHelpOptions = true,
        description = {"Open many browser-like connections, sync each, drive sales, then report what shoppers saw: "
                + "visibility latency (from a sale until each viewer of its page shows a version that includes it), "
                + "staleness per viewer, posts per second against the fan-out's budget, versions conflated and "
                + "convergence; a console table, a JSON result file and a self-contained HTML report.",
                "Exit codes: 0 ok, 1 convergence failed, 2 bad arguments, 3 endpoint unreachable, 4 errors above "
                        + "--max-error-rate."},
        footerHeading = "%nExamples:%n",
        footer = {"  stockpulse loadtest --connections 1000 --pages 10 --rate 100/s --duration 60s",
                  "  stockpulse loadtest --connections 5000 --pages 50 --rate 20/s --duration 60s --out results/5k",
                  "  stockpulse loadtest --scenario flash-sale",
                  "  stockpulse loadtest --scenario flash-sale --connections 500 --rate 50/s",
                  "  stockpulse loadtest --stack StockPulse --region eu-west-1 --post-budget 9000",
                  "%nScenarios:",
                  "  flash-sale  one hot product sells fast while thousands watch it, the design",
                  "              case: --connections 2000 --pages 1 --rate 200/s --duration 60s",
                  "              --ramp 200/s. Options given with it win."})
final class LoadTestCommand implements Callable<Integer> {

    private static final long SEED_UNITS = 1_000_000;
    static final String FLASH_SALE = "flash-sale";

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    /** How often a local stack's heap, threads and descriptors are sampled (the soak's figures). */
    static final Duration RUNTIME_SAMPLE_EVERY = Duration.ofSeconds(10);

    @Option(names = "--scenario", paramLabel = "NAME", description = "A preset of options: " + FLASH_SALE + " (see Scenarios below).")
    String scenario;

    @Option(names = "--connections", defaultValue = "1000", paramLabel = "N", description = "Browser-like connections (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--pages", defaultValue = "10", paramLabel = "N", description = "Product pages they spread over, one SKU each (default: ${DEFAULT-VALUE}).")
    int pages;

    @Option(names = "--rate", defaultValue = "100/s", converter = Converters.Rate.class, paramLabel = "N/s", description = "Sale events per second (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--duration", defaultValue = "60s", converter = Converters.Time.class, paramLabel = "TIME", description = "How long to drive sales (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--ramp", defaultValue = "500/s", converter = Converters.Rate.class, paramLabel = "N/s", description = "Connections opened per second; AWS's account quota is 500/s (default: ${DEFAULT-VALUE}).")
    double ramp;

    @Option(names = "--quiesce", defaultValue = "30s", converter = Converters.Time.class, paramLabel = "TIME", description = "How long to wait for everything to settle before checking convergence (default: ${DEFAULT-VALUE}).")
    Duration quiesce;

    @Option(names = "--post-budget", paramLabel = "N", description = "PostToConnection calls per second the fan-out may spend, to compare the frames received with (default: the running local stack's, from its state file; else the CDK stack's, " + FunctionSetting.AWS_POST_BUDGET + ").")
    Long postBudget;

    @Option(names = "--duplicate-puts", defaultValue = "0%", converter = Converters.Percent.class, paramLabel = "P%", description = "Put this share of the sale events a second time, as a producer that retries a PutRecords does; each must still apply once (default: ${DEFAULT-VALUE}).")
    double duplicatePuts;

    @Option(names = "--max-error-rate", defaultValue = "0.01", paramLabel = "RATIO", description = "Connect and put failures above this share fail the run (default: ${DEFAULT-VALUE}).")
    double maxErrorRate;

    @Option(names = "--cut-all-at", converter = Converters.Time.class, paramLabel = "TIME",
            description = "A reconnect storm: TIME into the sale the local stack closes every socket at once, as API "
                    + "Gateway does at 2 hours or in a deploy; the viewers come back under the new-connection quota "
                    + "(local stack only).")
    Duration cutAllAt;
    /** The local stack's web server, whose ops endpoint --cut-all-at calls. */
    private URI stackWeb;

    @Option(names = "--out", defaultValue = "loadtest-results", paramLabel = "DIR", description = "Where result.json and report.html go (default: ${DEFAULT-VALUE}).")
    Path out;

    /** The warm-up's own limit, and time for its tables to be dropped. */

    /** A sale that reached the stream: its id, its SKU's index in the run, and when the load test made it. */
    record PutSale(String eventId, int sku, long occurredAtMillis) {
    }

    /** What the drive phase put, in all and per SKU, and when it began (epoch ms). */
    record Drive(List<PutSale> sales, long[] perSku, long startMillis) {
    }

    @Override
    public Integer call() throws Exception {
        applyScenario();
        if (connections < 1 || pages < 1 || pages > connections || connections > 100_000) {
            throw new ParameterException(spec.commandLine(), "--connections is 1 to 100,000 and --pages is 1 to --connections");
        }
        if (postBudget != null && postBudget < 1) {
            throw new ParameterException(spec.commandLine(), "--post-budget is at least 1");
        }
        PrintWriter console = spec.commandLine().getOut();
        Target resolved = target.resolve();
        if (cutAllAt != null && (resolved.localStack().isEmpty() || cutAllAt.compareTo(duration) >= 0)) {
            throw new ParameterException(spec.commandLine(), "--cut-all-at needs a running local stack (it closes "
                    + "the sockets through its ops endpoint) and a time within --duration");
        }
        stackWeb = resolved.localStack().map(LocalStackState::web).orElse(null);
        awaitWarmUp(resolved, console, LocalStackState.WARM_UP_WAIT);
        long budget = postBudget(postBudget, resolved);
        String run = "lt" + Long.toString(Instant.now().getEpochSecond(), 36);
        List<String> skus = new ArrayList<>();
        for (int i = 0; i < pages; i++) {
            skus.add(run + "-" + i);
        }
        LoadTestResult result = new LoadTestResult(run, resolved.description(), scenario, connections, pages, rate,
                duration, budget);
        console.printf("loadtest %s against %s: %d connections on %d pages, %.0f events/s for %ds%n", run,
                resolved.description(), connections, pages, rate, duration.toSeconds());
        console.flush();
        try (EventPublisher publisher = new EventPublisher(resolved); RunTables tables = new RunTables(resolved)) {
            long[] startVersions = seed(publisher, tables, skus);
            LoadTestViewers viewers = openViewers(resolved, skus, result, console);
            Drive drive;
            long quietAt;
            // A local stack is sampled through the drive and quiescence (heap after GC, threads, descriptors).
            Optional<RuntimeSampler> sampler = resolved.localStack().map(state ->
                    RuntimeSampler.start(HttpClient.newHttpClient(), state.web(), RUNTIME_SAMPLE_EVERY));
            try {
                drive = drive(publisher, skus, viewers, result, console);
                quietAt = quiesce(tables, skus, viewers, drive, result);
            } finally {
                viewers.closeAll();
                sampler.ifPresent(RuntimeSampler::close);
            }
            sampler.ifPresent(s -> result.runtimeSamples = s.samples());
            analyse(tables, startVersions, viewers, drive, quietAt, result);
        } catch (SdkException e) {
            throw new UnreachableEndpointException("the tables " + resolved.stockTable() + " and "
                    + resolved.processedEventsTable() + " could not be read at "
                    + resolved.dynamoDbEndpoint().map(Object::toString).orElse("DynamoDB in " + resolved.region()) + ": "
                    + e.getMessage(), e);
        }
        LoadTestReport.write(result, out);
        LoadTestReport.printSummary(result, console, out);
        if (!result.converged()) {
            return ExitCodes.CHECK_FAILED;
        }
        if (result.errorRate() > maxErrorRate) {
            return ExitCodes.TOO_MANY_ERRORS;
        }
        return ExitCodes.OK;
    }

    /**
     * A local stack warms its JIT for about 20 s after it starts ({@code JitWarmUp}); a run started in those seconds
     * would measure the start, not the running system, so it waits (at most {@code maxWait}).
     */
    static void awaitWarmUp(Target resolved, PrintWriter console, Duration maxWait) throws InterruptedException {
        Optional<LocalStackState> state = resolved.localStack();
        if (state.isEmpty() || !state.get().warmingUp()) {
            return;
        }
        console.printf("the local stack (pid %d) is still warming up its JIT; waiting for it, at most %d s...%n",
                state.get().pid(), maxWait.toSeconds());
        console.flush();
        long pid = state.get().pid();
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(500);
            Optional<LocalStackState> now = LocalStackState.read(LocalSettings.stateFile());
            if (now.isEmpty() || now.get().pid() != pid || !now.get().warmingUp()) {
                return;
            }
        }
        console.println("the warm-up did not finish; running anyway (the first seconds may show it)");
    }

    /**
     * The budget to compare the frames with: the option, else the running local stack's (a state file written before
     * stacks recorded it has none), else the CDK stack's.
     */
    static long postBudget(Long option, Target resolved) {
        return option != null ? option : resolved.localStack().map(LocalStackState::postBudget)
                .filter(budget -> budget > 0).orElse(FunctionSetting.AWS_POST_BUDGET);
    }

    /** A scenario sets the options it presets, except those given on the command line. */
    void applyScenario() {
        if (scenario == null) {
            return;
        }
        if (!scenario.equals(FLASH_SALE)) {
            throw new ParameterException(spec.commandLine(), "unknown --scenario '" + scenario + "': the preset is "
                    + FLASH_SALE);
        }
        if (!given("--connections")) {
            connections = 2_000;
        }
        if (!given("--pages")) {
            pages = 1;
        }
        if (!given("--rate")) {
            rate = 200;
        }
        if (!given("--duration")) {
            duration = Duration.ofSeconds(60);
        }
        if (!given("--ramp")) {
            ramp = 200;
        }
    }

    private boolean given(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    /** Sets each SKU far from zero, so no sale is refused, and returns the version each starts the run at. */
    private static long[] seed(EventPublisher publisher, RunTables tables, List<String> skus) throws InterruptedException {
        for (String sku : skus) {
            publisher.put(SaleEvents.validated(EventType.SET, sku, SEED_UNITS, "loadtest"));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            Map<String, StockLevel> rows = tables.stock(skus);
            List<String> missing = skus.stream().filter(sku -> rows.get(sku) == null
                    || rows.get(sku).available() != SEED_UNITS).toList();
            if (missing.isEmpty()) {
                return skus.stream().mapToLong(sku -> rows.get(sku).version()).toArray();
            }
            if (System.nanoTime() > deadline) {
                throw new UnreachableEndpointException("the seed events for " + missing.getFirst() + " did not reach "
                        + "the stock table in 30 s: is the consumer running?", null);
            }
            Thread.sleep(50);
        }
    }

    private LoadTestViewers openViewers(Target resolved, List<String> skus, LoadTestResult result, PrintWriter console)
            throws InterruptedException {
        LoadTestViewers viewers = LoadTestViewers.open(HttpClient.newHttpClient(), resolved.webSocketUrl(), skus,
                connections, ramp);
        result.connectSeconds = viewers.connectSeconds;
        result.openConnections = viewers.open();
        result.throttled429 = viewers.throttled429.sum();
        result.connectFailures = viewers.connectFailures.sum();
        if (result.openConnections == 0) {
            viewers.closeAll();
            throw new UnreachableEndpointException("no connection to " + resolved.webSocketUrl() + " opened", null);
        }
        console.printf("opened %d of %d connections in %.1f s (%d refused with 429, %d failed)%n",
                result.openConnections, connections, result.connectSeconds, result.throttled429, result.connectFailures);
        console.flush();
        return viewers;
    }

    /** Puts single-unit sales on random SKUs of the run at --rate, remembering each one that reached the stream. */
    private Drive drive(EventPublisher publisher, List<String> skus, LoadTestViewers viewers, LoadTestResult result,
                        PrintWriter console) throws InterruptedException {
        List<PutSale> sales = new ArrayList<>();
        long[] perSku = new long[skus.size()];
        Random random = new Random();
        long startMillis = System.currentTimeMillis();
        // Frames are counted per second through quiescence, with a few spare seconds for the last checks.
        viewers.countPostsFrom(startMillis, (int) (duration.toSeconds() + quiesce.toSeconds()) + 10);
        long started = System.nanoTime();
        long end = started + duration.toNanos();
        long queued = 0;
        long cutAt = cutAllAt == null ? Long.MAX_VALUE : started + cutAllAt.toNanos();
        while (System.nanoTime() < end) {
            if (System.nanoTime() >= cutAt) {
                cutAt = Long.MAX_VALUE;
                result.stormClosed = cutAllSockets(viewers, console);
            }
            long due = (long) (rate * (System.nanoTime() - started) / 1e9) - queued;
            List<SaleEvent> batch = new ArrayList<>();
            List<Integer> batchSkus = new ArrayList<>();
            for (long i = 0; i < Math.min(due, EventPublisher.MAX_BATCH); i++) {
                int sku = random.nextInt(skus.size());
                batch.add(SaleEvents.validated(EventType.SALE, skus.get(sku), 1, "loadtest"));
                batchSkus.add(sku);
            }
            queued += batch.size();
            if (!batch.isEmpty()) {
                EventPublisher.BatchResult put = publisher.putBatch(batch);
                result.eventsPut += put.put();
                result.putFailures += put.failed();
                result.putThrottled += put.throttled();
                Set<String> notPut = put.notPut().stream().map(SaleEvent::eventId).collect(Collectors.toSet());
                if (duplicatePuts > 0) {
                    List<SaleEvent> again = batch.stream()
                            .filter(event -> !notPut.contains(event.eventId()) && random.nextDouble() < duplicatePuts)
                            .toList();
                    if (!again.isEmpty()) {
                        result.duplicatesPut += publisher.putBatch(again).put();
                    }
                }
                for (int i = 0; i < batch.size(); i++) {
                    SaleEvent event = batch.get(i);
                    if (!notPut.contains(event.eventId())) {
                        sales.add(new PutSale(event.eventId(), batchSkus.get(i), event.occurredAt().toEpochMilli()));
                        perSku[batchSkus.get(i)]++;
                    }
                }
            }
            Thread.sleep(10);
        }
        result.driveSeconds = (System.nanoTime() - started) / 1e9;
        console.printf("put %,d sale events in %.1f s (%.1f/s)%n", result.eventsPut, result.driveSeconds,
                result.eventsPut / result.driveSeconds);
        console.flush();
        return new Drive(sales, perSku, startMillis);
    }

    /**
     * Waits until every SKU moved by exactly its sales and every viewer shows the table, or --quiesce passes;
     * returns when it stopped waiting (epoch ms), the end of the measured window.
     */
    private long quiesce(RunTables tables, List<String> skus, LoadTestViewers viewers, Drive drive,
                         LoadTestResult result) throws InterruptedException {
        long deadline = System.nanoTime() + quiesce.toNanos();
        Map<String, StockLevel> table;
        boolean agree;
        while (true) {
            table = tables.stock(skus);
            agree = tableMovedBySales(table, skus, drive.perSku()) && viewers.behind(table) == 0;
            if (agree || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(200);
        }
        long quietAt = System.currentTimeMillis();
        result.tableAndViewersAgree = agree;
        result.clientsBehind = viewers.behind(table);
        for (int i = 0; i < skus.size(); i++) {
            StockLevel row = table.get(skus.get(i));
            result.stockChange += (row == null ? SEED_UNITS : row.available()) - SEED_UNITS;
            result.eventSum -= drive.perSku()[i];
        }
        return quietAt;
    }

    /** Asks the local stack to close every open socket now (its ops endpoint); says how many it closed. */
    private int cutAllSockets(LoadTestViewers viewers, PrintWriter console) throws InterruptedException {
        URI web = stackWeb;
        viewers.cutAt(System.currentTimeMillis());
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            web.resolve("/ops/api/sockets/close")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            int closed = answer.statusCode() == 202 ? Json.mapper().readTree(answer.body()).path("closed").asInt() : 0;
            console.printf("storm: the stack closed %,d sockets at once (HTTP %d)%n", closed, answer.statusCode());
            console.flush();
            return closed;
        } catch (java.io.IOException e) {
            throw new UnreachableEndpointException("the local stack's ops endpoint at " + web, e);
        }
    }

    private static boolean tableMovedBySales(Map<String, StockLevel> table, List<String> skus, long[] perSku) {
        for (int i = 0; i < skus.size(); i++) {
            StockLevel row = table.get(skus.get(i));
            if (row == null || row.available() != SEED_UNITS - perSku[i]) {
                return false;
            }
        }
        return true;
    }

    /** Reads each sale's processed row (its applied version and write time), then works out what viewers saw. */
    private void analyse(RunTables tables, long[] startVersions, LoadTestViewers viewers, Drive drive, long quietAt,
                         LoadTestResult result) throws InterruptedException {
        Map<String, RunTables.Processed> rows = tables.processed(drive.sales().stream().map(PutSale::eventId).toList());
        List<VisibilityAnalysis.AppliedSale> applied = new ArrayList<>();
        for (PutSale sale : drive.sales()) {
            RunTables.Processed row = rows.get(sale.eventId());
            if (row == null) {
                result.salesWithoutRow++;
            } else if (!row.applied()) {
                result.salesRejected++;
            } else {
                applied.add(new VisibilityAnalysis.AppliedSale(sale.sku(), sale.occurredAtMillis(), row.version(),
                        row.processedAtMillis()));
            }
        }
        result.salesApplied = applied.size();
        result.visibility = VisibilityAnalysis.analyse(startVersions, applied, viewers.connected(), drive.startMillis(),
                quietAt);
        result.posts = PostRate.of(viewers.postsPerSecond(quietAt), result.driveSeconds, result.postBudget);
        result.framesReceived = viewers.frames.sum();
        result.duplicates = viewers.duplicates.sum();
        result.staleDropped = viewers.olderDropped.sum();
        result.reconnects = viewers.reconnects.sum();
        result.settleSyncs = viewers.settleSyncs.sum();
        result.syncRetries = viewers.syncRetries.sum();
        result.replacedSilent = viewers.replacedSilent.sum();
        double[] storm = viewers.stormRecovery();
        result.stormResynced = (long) storm[0];
        result.stormRecoverySeconds = storm[1];
        result.throttled429 = viewers.throttled429.sum();
    }
}
