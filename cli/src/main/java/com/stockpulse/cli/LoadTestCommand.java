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

    /**
     * What the drive phase put: each sale that reached the stream, their count per SKU, when it began (epoch ms), its
     * figures, and the sockets a --cut-all-at closed during it.
     */
    record Drive(List<PutSale> sales, long[] perSku, long startMillis, LoadTestResult.Sales figures, long stormClosed) {
    }

    /** The ramp's viewers and its figures. */
    private record Opened(LoadTestViewers viewers, LoadTestResult.Connect figures) {
    }

    /** What quiescence found, and when it stopped waiting (epoch ms): the end of the measured window. */
    private record Quiet(LoadTestResult.Convergence convergence, long atMillis) {
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
        LoadTestResult.Plan plan = new LoadTestResult.Plan("lt" + Long.toString(Instant.now().getEpochSecond(), 36),
                resolved.description(), scenario, connections, pages, rate, duration, postBudget(postBudget, resolved));
        console.printf("loadtest %s against %s: %d connections on %d pages, %.0f events/s for %ds%n", plan.run(),
                resolved.description(), connections, pages, rate, duration.toSeconds());
        console.flush();
        LoadTestResult result = run(plan, resolved, console);
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

    /** The phases in turn: seed, open the viewers, drive, quiesce, analyse; the result is what each returned. */
    private LoadTestResult run(LoadTestResult.Plan plan, Target resolved, PrintWriter console)
            throws InterruptedException {
        List<String> skus = new ArrayList<>();
        for (int i = 0; i < pages; i++) {
            skus.add(plan.run() + "-" + i);
        }
        try (EventPublisher publisher = new EventPublisher(resolved); RunTables tables = new RunTables(resolved)) {
            long[] startVersions = seed(publisher, tables, skus);
            Opened opened = openViewers(resolved, skus, console);
            LoadTestViewers viewers = opened.viewers();
            Drive drive;
            Quiet quiet;
            // A local stack is sampled through the drive and quiescence (heap after GC, threads, descriptors).
            Optional<RuntimeSampler> sampler = resolved.localStack().map(state ->
                    RuntimeSampler.start(HttpClient.newHttpClient(), state.web(), RUNTIME_SAMPLE_EVERY));
            try {
                drive = drive(publisher, skus, viewers, console);
                quiet = quiesce(tables, skus, viewers, drive);
            } finally {
                viewers.closeAll();
                sampler.ifPresent(RuntimeSampler::close);
            }
            LoadTestResult.Delivery delivery = analyse(tables, startVersions, viewers, drive, quiet.atMillis(),
                    plan.postBudget());
            return new LoadTestResult(plan, opened.figures(), drive.figures(), viewers.storm(drive.stormClosed()),
                    quiet.convergence(), delivery, counts(viewers),
                    sampler.map(RuntimeSampler::samples).orElse(List.of()));
        } catch (SdkException e) {
            throw new UnreachableEndpointException("the tables " + resolved.stockTable() + " and "
                    + resolved.processedEventsTable() + " could not be read at "
                    + resolved.dynamoDbEndpoint().map(Object::toString).orElse("DynamoDB in " + resolved.region()) + ": "
                    + e.getMessage(), e);
        }
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

    private Opened openViewers(Target resolved, List<String> skus, PrintWriter console) throws InterruptedException {
        LoadTestViewers viewers = LoadTestViewers.open(HttpClient.newHttpClient(), resolved.webSocketUrl(), skus,
                connections, ramp);
        LoadTestResult.Connect connect = new LoadTestResult.Connect(viewers.open(), viewers.connectSeconds,
                viewers.connectFailures.sum(), viewers.throttled429.sum());
        if (connect.open() == 0) {
            viewers.closeAll();
            throw new UnreachableEndpointException("no connection to " + resolved.webSocketUrl() + " opened", null);
        }
        console.printf("opened %d of %d connections in %.1f s (%d refused with 429, %d failed)%n",
                connect.open(), connections, connect.seconds(), connect.throttled429(), connect.failures());
        console.flush();
        return new Opened(viewers, connect);
    }

    /** Puts single-unit sales on random SKUs of the run at --rate, remembering each one that reached the stream. */
    private Drive drive(EventPublisher publisher, List<String> skus, LoadTestViewers viewers, PrintWriter console)
            throws InterruptedException {
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
        long stormClosed = 0;
        LoadTestResult.Sales put = LoadTestResult.Sales.none();
        while (System.nanoTime() < end) {
            if (System.nanoTime() >= cutAt) {
                cutAt = Long.MAX_VALUE;
                stormClosed = cutAllSockets(viewers, console);
            }
            int due = (int) Math.min((long) (rate * (System.nanoTime() - started) / 1e9) - queued,
                    EventPublisher.MAX_BATCH);
            if (due > 0) {
                put = put.plus(putBatch(publisher, skus, due, random, sales, perSku));
                queued += due;
            }
            Thread.sleep(10);
        }
        put = put.lasting((System.nanoTime() - started) / 1e9);
        console.printf("put %,d sale events in %.1f s (%.1f/s)%n", put.put(), put.seconds(), put.put() / put.seconds());
        console.flush();
        return new Drive(List.copyOf(sales), perSku, startMillis, put, stormClosed);
    }

    /**
     * Puts {@code size} single-unit sales on random SKUs, and --duplicate-puts of them a second time; adds each that
     * reached the stream to {@code sales} and {@code perSku}, and says what the batch counted.
     */
    private LoadTestResult.Sales putBatch(EventPublisher publisher, List<String> skus, int size, Random random,
                                          List<PutSale> sales, long[] perSku) {
        List<SaleEvent> batch = new ArrayList<>();
        List<Integer> batchSkus = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            int sku = random.nextInt(skus.size());
            batch.add(SaleEvents.validated(EventType.SALE, skus.get(sku), 1, "loadtest"));
            batchSkus.add(sku);
        }
        EventPublisher.BatchResult put = publisher.putBatch(batch);
        Set<String> notPut = put.notPut().stream().map(SaleEvent::eventId).collect(Collectors.toSet());
        long twice = 0;
        if (duplicatePuts > 0) {
            List<SaleEvent> again = batch.stream()
                    .filter(event -> !notPut.contains(event.eventId()) && random.nextDouble() < duplicatePuts)
                    .toList();
            if (!again.isEmpty()) {
                twice = publisher.putBatch(again).put();
            }
        }
        for (int i = 0; i < batch.size(); i++) {
            SaleEvent event = batch.get(i);
            if (!notPut.contains(event.eventId())) {
                sales.add(new PutSale(event.eventId(), batchSkus.get(i), event.occurredAt().toEpochMilli()));
                perSku[batchSkus.get(i)]++;
            }
        }
        return new LoadTestResult.Sales(put.put(), put.failed(), put.throttled(), twice, 0);
    }

    /**
     * Waits until every SKU moved by exactly its sales and every viewer shows the table, or --quiesce passes; says
     * what it found then, and when it stopped waiting (epoch ms), the end of the measured window.
     */
    private Quiet quiesce(RunTables tables, List<String> skus, LoadTestViewers viewers, Drive drive)
            throws InterruptedException {
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
        long stockChange = 0;
        long eventSum = 0;
        for (int i = 0; i < skus.size(); i++) {
            StockLevel row = table.get(skus.get(i));
            stockChange += (row == null ? SEED_UNITS : row.available()) - SEED_UNITS;
            eventSum -= drive.perSku()[i];
        }
        return new Quiet(new LoadTestResult.Convergence(agree, viewers.behind(table), stockChange, eventSum), quietAt);
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
    private static LoadTestResult.Delivery analyse(RunTables tables, long[] startVersions, LoadTestViewers viewers,
                                                   Drive drive, long quietAt, long postBudget)
            throws InterruptedException {
        Map<String, RunTables.Processed> rows = tables.processed(drive.sales().stream().map(PutSale::eventId).toList());
        List<VisibilityAnalysis.AppliedSale> applied = new ArrayList<>();
        long rejected = 0;
        long withoutRow = 0;
        for (PutSale sale : drive.sales()) {
            RunTables.Processed row = rows.get(sale.eventId());
            if (row == null) {
                withoutRow++;
            } else if (!row.applied()) {
                rejected++;
            } else {
                applied.add(new VisibilityAnalysis.AppliedSale(sale.sku(), sale.occurredAtMillis(), row.version(),
                        row.processedAtMillis()));
            }
        }
        VisibilityAnalysis.Result visibility = VisibilityAnalysis.analyse(startVersions, applied, viewers.connected(),
                drive.startMillis(), quietAt);
        PostRate posts = PostRate.of(viewers.postsPerSecond(quietAt), drive.figures().seconds(), postBudget);
        return new LoadTestResult.Delivery(applied.size(), rejected, withoutRow, visibility, posts);
    }

    /** The viewers' counters once they are closed. */
    private static LoadTestResult.ViewerCounts counts(LoadTestViewers viewers) {
        return new LoadTestResult.ViewerCounts(viewers.frames.sum(), viewers.duplicates.sum(),
                viewers.olderDropped.sum(), viewers.reconnects.sum(), viewers.settleSyncs.sum(),
                viewers.syncRetries.sum(), viewers.replacedSilent.sum(), viewers.throttled429.sum());
    }
}
