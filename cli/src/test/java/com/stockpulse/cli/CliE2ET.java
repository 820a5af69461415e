package com.stockpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.stockpulse.local.runtime.LocalRuntime;
import com.stockpulse.local.runtime.LocalSettings;
import com.stockpulse.local.runtime.LocalStackState;
import com.stockpulse.model.Json;
import com.stockpulse.model.StockLevel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** Every command of the stockpulse CLI against the embedded stack, run in this JVM through picocli. */
class CliE2ET {

    @TempDir
    static Path dataDir;

    @TempDir
    static Path stateDir;

    private static LocalRuntime runtime;

    @BeforeAll
    static void start() {
        // Not the developer's ~/.stockpulse: a stack running beside the tests must not become their target.
        System.setProperty("stockpulse.stateDir", stateDir.toString());
        runtime = LocalRuntime.start(TestStacks.settings(dataDir));
    }

    @AfterAll
    static void stop() {
        System.clearProperty("stockpulse.stateDir");
        if (runtime != null) {
            runtime.close();
        }
    }

    private static LocalStackState stateOf(long pid) {
        return new LocalStackState(pid, runtime.webUrl(), runtime.webSocketUrl(), runtime.kinesisEndpoint(),
                runtime.dynamoDbEndpoint(), runtime.settings().streamName(), runtime.settings().region(),
                runtime.functionsConfig().stockTable(), runtime.functionsConfig().processedEventsTable(),
                runtime.settings().postBudget(), false);
    }

    @Test
    void withoutTargetOptions_theStackIsFoundFromItsStateFile() throws Exception {
        stateOf(ProcessHandle.current().pid()).write(LocalSettings.stateFile());
        try {
            Run set = runExactly("set", "--sku", "cli-state", "--qty", "7");

            assertThat(set.exit()).as(set.err()).isZero();
            awaitStock("cli-state", 7);
        } finally {
            Files.deleteIfExists(LocalSettings.stateFile());
        }
    }

    @Test
    void aStateFileOfAStoppedStack_isIgnored_andTheErrorSaysWhatToStart() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        stateOf(finished.pid()).write(LocalSettings.stateFile());
        try {
            Run sale = runExactly("sale", "--sku", "cli-a", "--qty", "1", "--kinesis-endpoint", "http://127.0.0.1:1");

            assertThat(sale.exit()).isEqualTo(ExitCodes.UNREACHABLE);
            assertThat(sale.err()).contains("no running stack in " + LocalSettings.stateFile())
                    .contains("start one with `stockpulse local`");
        } finally {
            Files.deleteIfExists(LocalSettings.stateFile());
        }
    }

    /** One command's exit code and output. */
    record Run(int exit, String out, String err) {
    }

    private static List<String> target() {
        return List.of("--ws-url", runtime.webSocketUrl().toString(),
                "--kinesis-endpoint", runtime.kinesisEndpoint().toString(),
                "--dynamodb-endpoint", runtime.dynamoDbEndpoint().toString());
    }

    private static Run run(String command, String... args) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(List.of(args));
        if (!List.of(args).contains("--kinesis-endpoint")) {
            all.addAll(target());
        }
        return runExactly(all.toArray(String[]::new));
    }

    private static Run runExactly(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = StockPulseCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static long available(String sku) {
        return runtime.wiring().stockStore().get(sku).map(StockLevel::available).orElse(-1L);
    }

    private static void awaitStock(String sku, long units) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (available(sku) != units) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(sku + " never reached " + units + ", is " + available(sku));
            }
            Thread.sleep(20);
        }
    }

    @Test
    void smoke_passesAgainstTheLocalStack() {
        Run smoke = run("smoke");

        assertThat(smoke.exit()).as(smoke.out() + smoke.err()).isZero();
        assertThat(smoke.out()).contains("viewer  open on /products/smoke-test").containsPattern("put\\s+SET \\d+ of smoke-test")
                .containsPattern("ok\\s+the viewer showed \\d+ \\d+ ms after the put");
    }

    @Test
    void smoke_failsWhenTheSetNeverReachesTheViewer() throws Exception {
        // A stream no consumer reads: the put succeeds, the viewer never sees it.
        try (software.amazon.awssdk.services.kinesis.KinesisClient kinesis = software.amazon.awssdk.services.kinesis.KinesisClient
                .builder().endpointOverride(runtime.kinesisEndpoint()).region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build()) {
            kinesis.createStream(r -> r.streamName("nobody-reads").shardCount(1));
            kinesis.waiter().waitUntilStreamExists(r -> r.streamName("nobody-reads"));
        }

        Run smoke = run("smoke", "--stream", "nobody-reads", "--timeout", "2s", "--sku", "smoke-lost",
                "--ws-url", runtime.webSocketUrl().toString(), "--kinesis-endpoint", runtime.kinesisEndpoint().toString());

        assertThat(smoke.exit()).as(smoke.out() + smoke.err()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(smoke.out()).contains("FAILED  the viewer did not show").contains("within 2000 ms");
    }

    @Test
    void smoke_whenTheWebSocketApiIsUnreachable_exits3() {
        Run smoke = run("smoke", "--ws-url", "ws://127.0.0.1:1", "--kinesis-endpoint", runtime.kinesisEndpoint().toString());

        assertThat(smoke.exit()).as(smoke.out() + smoke.err()).isEqualTo(ExitCodes.UNREACHABLE);
    }

    @Test
    void setSaleRestock_putOneEventEachAndPrintWhereItWent() throws Exception {
        Run set = run("set", "--sku", "cli-a", "--qty", "10");
        Run sale = run("sale", "--sku", "CLI-A", "--qty", "3");
        Run restock = run("restock", "--sku", "cli-a", "--qty", "5");

        assertThat(set.exit()).isZero();
        assertThat(sale.out()).containsPattern("eventId\\s+cli-").contains("SALE 3 of cli-a")
                .containsPattern("shard\\s+shardId-").containsPattern("sequenceNumber\\s+\\d+");
        assertThat(restock.exit()).isZero();
        awaitStock("cli-a", 12);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            bad sku          | sale --sku a/b --qty 1                 | sku:
            zero sale        | sale --sku cli-a --qty 0               | quantity:
            absurd restock   | restock --sku cli-a --qty 5000000      | quantity:
            missing qty      | sale --sku cli-a                       | Missing required option
            not a number     | sale --sku cli-a --qty many            | Invalid value for option '--qty'
            bad rate         | simulate --skus a --rate fast          | is not a rate
            bad duration     | simulate --skus a --duration soon      | is not a duration
            bad page         | watch --page /admin                    | unknown page
            bad distribution | simulate --skus a --distribution bell  | Invalid value for option '--distribution'
            storm without a local stack | loadtest --cut-all-at 10s | --cut-all-at needs a running local stack
            """)
    void badArguments_exitWith2AndSayWhatIsWrong(String caseName, String command, String message) {
        String[] words = command.split(" ");
        Run result = run(words[0], java.util.Arrays.copyOfRange(words, 1, words.length));

        assertThat(result.exit()).as(caseName).isEqualTo(ExitCodes.BAD_ARGUMENTS);
        assertThat(result.err()).as(caseName).contains(message);
    }

    @Test
    void unreachableEndpoint_exitsWith3AndSaysWhich() {
        Run sale = run("sale", "--sku", "cli-a", "--qty", "1", "--kinesis-endpoint", "http://127.0.0.1:1");
        Run watch = runExactly("watch", "--page", "/products/cli-a", "--ws-url", "ws://127.0.0.1:1/");

        assertThat(sale.exit()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(sale.err()).contains("cannot reach http://127.0.0.1:1");
        assertThat(watch.exit()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(watch.err()).contains("cannot reach the WebSocket API at ws://127.0.0.1:1/");
    }

    @Test
    void replay_readsAFailedBatchBackFromTheStream_andPutsItAgain_whichAppliesNothingTwice(@TempDir Path dir)
            throws Exception {
        List<String> sequence = new ArrayList<>();
        String shard = null;
        for (String[] event : List.of(new String[] {"SET", "10"}, new String[] {"SALE", "1"}, new String[] {"SALE", "2"})) {
            String json = "{\"eventId\":\"replay-" + java.util.UUID.randomUUID() + "\",\"type\":\"" + event[0]
                    + "\",\"sku\":\"cli-replay\",\"quantity\":" + event[1] + ",\"occurredAt\":\""
                    + java.time.Instant.now() + "\",\"source\":\"test\"}";
            var put = runtime.kinesis().putRecord(r -> r.streamName(runtime.settings().streamName())
                    .partitionKey("cli-replay").data(software.amazon.awssdk.core.SdkBytes.fromUtf8String(json)));
            sequence.add(put.sequenceNumber());
            shard = put.shardId();
        }
        awaitStock("cli-replay", 7);
        String arn = "arn:aws:kinesis:us-east-1:000000000000:stream/" + runtime.settings().streamName();
        // AWS's on-failure record: metadata only.
        String document = Json.toString(java.util.Map.of(
                "requestContext", java.util.Map.of("condition", "RetryAttemptsExhausted", "approximateInvokeCount", 6),
                "version", "1.0",
                "KinesisBatchInfo", java.util.Map.of("shardId", shard, "startSequenceNumber", sequence.getFirst(),
                        "endSequenceNumber", sequence.getLast(), "batchSize", 3, "streamArn", arn)));
        String stockBatch = Json.toString(java.util.Map.of("DDBStreamBatchInfo", java.util.Map.of("shardId", "s",
                "startSequenceNumber", "1", "endSequenceNumber", "2", "batchSize", 2, "streamArn", "arn:stock")));
        Path local = Files.writeString(dir.resolve("sale-events.jsonl"), document + "\n" + stockBatch + "\n");
        // What `aws sqs receive-message` prints for the stack's on-failure queue.
        Path sqs = Files.writeString(dir.resolve("received.json"), Json.mapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(java.util.Map.of("Messages", List.of(java.util.Map.of("Body", document)))));

        Run dry = run("replay", "--from", sqs.toString(), "--dry-run");
        Run replay = run("replay", "--from", local.toString());

        assertThat(dry.exit()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("read      3 of 3 records of " + shard);
        assertThat(replay.exit()).as(replay.err()).isZero();
        assertThat(replay.out()).contains("replayed  3 of 3 records of " + shard).contains("skipped   stock-change batch")
                .contains("3 record(s) put to " + runtime.settings().streamName());
        // The three are on the stream twice now; each event applies once.
        Thread.sleep(1_500);
        assertThat(available("cli-replay")).isEqualTo(7);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not json           | {"KinesisBatchInfo":                     | record 1: not JSON
            not a failure      | {"hello":"world"}                         | record 1: no KinesisBatchInfo or DDBStreamBatchInfo
            no shard           | {"KinesisBatchInfo":{"batchSize":1}}      | record 1: streamArn is missing
            bad size           | {"KinesisBatchInfo":{"batchSize":"many"}} | record 1: batchSize is missing or not a positive number
            sqs without a body | {"Messages":[{"MessageId":"m"}]}          | record 1, message 1: Body is missing
            not an object      | [1,2]                                     | record 1: not a JSON object
            """)
    void replay_whenTheFileIsNotOnFailureRecords_exitsWith2AndSaysWhere(String caseName, String content, String message,
                                                                         @TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("bad.jsonl"), content + "\n");

        Run replay = run("replay", "--from", file.toString());

        assertThat(replay.exit()).as(caseName).isEqualTo(ExitCodes.BAD_ARGUMENTS);
        assertThat(replay.err()).as(caseName).contains(message);
        assertThat(run("replay", "--from", dir.resolve("missing.jsonl").toString()).err()).contains("no such file");
    }

    @Test
    void help_showsExamplesForEveryCommand() {
        for (String command : List.of("local", "sale", "restock", "set", "simulate", "watch", "loadtest", "replay")) {
            Run help = runExactly(command, "--help");
            assertThat(help.exit()).as(command).isZero();
            assertThat(help.out()).as(command).containsPattern("Examples?:").contains("stockpulse " + command);
        }
        assertThat(runExactly("--help").out()).contains("Exit codes");
    }

    @Test
    void watch_printsEachUpdateWithVersionAndLag() throws Exception {
        run("set", "--sku", "cli-w", "--qty", "5");
        awaitStock("cli-w", 5);
        // A new row's first version comes from the clock (StockLevel.firstVersion); each change adds one.
        long first = runtime.wiring().stockStore().get("cli-w").orElseThrow().version();
        CompletableFuture<Run> watching = CompletableFuture.supplyAsync(
                () -> run("watch", "--page", "/products/cli-w", "--duration", "6s"));
        Thread.sleep(1_500);

        run("sale", "--sku", "cli-w", "--qty", "1");
        awaitStock("cli-w", 4);
        // The fan-out sends the row's newest value: a version superseded before its broadcast is skipped (the
        // contract allows it). Let this one's broadcast go out before the next sale.
        Thread.sleep(1_000);
        run("sale", "--sku", "cli-w", "--qty", "1");

        Run watch = watching.get();
        assertThat(watch.exit()).isZero();
        assertThat(watch.out()).containsPattern("snapshot\\s+cli-w\\s+v" + first + "\\s+available 5")
                .containsPattern("update\\s+cli-w\\s+v" + (first + 1) + "\\s+available 4\\s+lag \\d+ ms")
                .containsPattern("update\\s+cli-w\\s+v" + (first + 2) + "\\s+available 3");
    }

    @Test
    void simulate_putsSalesAtTheRateAndPrintsTotals() throws Exception {
        run("set", "--sku", "cli-s1", "--qty", "1000");
        run("set", "--sku", "cli-s2", "--qty", "1000");
        awaitStock("cli-s1", 1000);
        awaitStock("cli-s2", 1000);

        Run simulate = run("simulate", "--rate", "40/s", "--duration", "2s", "--skus", "cli-s1,cli-s2");

        assertThat(simulate.exit()).isZero();
        assertThat(simulate.out()).containsPattern("done: \\d+ sale events put in").contains("0 failed");
        assertThat(simulate.err()).contains("sent");
        long sent = Long.parseLong(simulate.out().replaceAll("(?s).*done: ([\\d,]+) sale events.*", "$1").replace(",", ""));
        assertThat(sent).isBetween(60L, 90L);
        awaitStock("cli-s1", 1000 - countFor(simulate.out(), "cli-s1"));
        awaitStock("cli-s2", 1000 - countFor(simulate.out(), "cli-s2"));
    }

    private static long countFor(String out, String sku) {
        return out.lines().filter(line -> line.trim().startsWith(sku + " ")).mapToLong(line ->
                Long.parseLong(line.trim().substring(sku.length()).trim().replace(",", ""))).findFirst().orElse(0);
    }

    @Test
    void loadtest_reportsVisibilityStalenessPostsAndConvergence_andWritesJsonAndHtml(@TempDir Path out) throws Exception {
        Run loadtest = run("loadtest", "--connections", "60", "--pages", "3", "--rate", "30/s", "--duration", "3s",
                "--ramp", "200/s", "--out", out.toString());

        assertThat(loadtest.exit()).as(loadtest.out() + loadtest.err()).isZero();
        assertThat(loadtest.out()).contains("connected                        60 / 60 (100.0%)")
                .contains("visibility p50 / p99 / max").contains("converged                        yes")
                .contains("posts/s mean / max / budget").contains("versions conflated total / mean");
        JsonNode result = Json.mapper().readTree(out.resolve("result.json").toFile());
        assertThat(result.path("openConnections").asLong()).isEqualTo(60);
        assertThat(result.path("connectedShare").asDouble()).isEqualTo(1.0);
        assertThat(result.path("converged").asBoolean()).isTrue();
        assertThat(result.path("stockChange").asLong()).isEqualTo(result.path("sumOfEvents").asLong())
                .isEqualTo(-result.path("eventsPut").asLong());
        // Every sale put has its processed row with the version that first included it.
        assertThat(result.path("salesApplied").asLong()).isEqualTo(result.path("eventsPut").asLong());
        assertThat(result.path("salesWithoutProcessedRow").asLong()).isZero();
        JsonNode visibility = result.path("visibilityFromSaleToViewer");
        // Each of the 20 viewers of a page sees each sale of it: one sample per sale and viewer.
        assertThat(visibility.path("samples").asLong()).isEqualTo(20 * result.path("eventsPut").asLong());
        assertThat(visibility.path("notVisible").asLong()).isZero();
        assertThat(visibility.path("p99Ms").asDouble()).isPositive();
        assertThat(result.path("stalenessPerViewer").path("viewers").asLong()).isEqualTo(60);
        assertThat(result.path("postsPerSecond").path("budgetPerSecond").asLong()).isEqualTo(8_000);
        assertThat(result.path("postsPerSecond").path("perSecond").size()).isPositive();
        assertThat(result.path("versionsConflated").path("total").asLong()).isNotNegative();
        // A seed's own fan-out can reach a client after its sync snapshot: the same version twice, counted, harmless.
        assertThat(result.path("duplicates").asLong()).isNotNegative();
        assertThat(result.has("staleVersionsDropped")).isTrue();
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("Visibility over time").contains("Posts per second against the budget")
                .contains("Visibility histogram");
        // The charts are drawn by the inlined uPlot when the file is opened: here, each has its data.
        JsonNode charts = LoadTestReportTest.chartSpecs(html);
        assertThat(charts.findValuesAsText("id")).contains("visibility-over-time", "posts-per-second",
                "visibility-histogram");
        for (JsonNode chart : charts) {
            assertThat(chart.path("data").get(0).size()).as(chart.path("id").asText()).isPositive();
        }
        LoadTestReportTest.assertSelfContained(html);
    }
}
