package com.stockpulse.local.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stockpulse.functions.events.BatchResponse;
import com.stockpulse.model.StreamMapping;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamPollerTest {

    private static final Duration POLL = Duration.ofMillis(5);

    @TempDir
    Path dir;

    private final InMemoryShardedStream stream = new InMemoryShardedStream();
    /** Every batch the function was invoked with, as payload lists. */
    private final List<List<String>> invocations = Collections.synchronizedList(new ArrayList<>());
    /** Payloads the function processed successfully, in order. */
    private final List<String> processed = Collections.synchronizedList(new ArrayList<>());
    private StreamPoller<InMemoryShardedStream.Item, List<InMemoryShardedStream.Item>> poller;
    private FailureDestination destination;

    private static StreamMapping mapping(int batchSize, boolean bisect, int retries, boolean report) {
        return new StreamMapping("test", batchSize, Duration.ZERO, bisect, retries, Duration.ofHours(1), report);
    }

    private void start(StreamMapping mapping,
                       Function<List<InMemoryShardedStream.Item>, BatchResponse> function) {
        start(mapping, function, Checkpoints.inMemory());
    }

    private void start(StreamMapping mapping, Function<List<InMemoryShardedStream.Item>, BatchResponse> function,
                       Checkpoints checkpoints) {
        destination = new FailureDestination(dir.resolve("failures.jsonl"));
        poller = new StreamPoller<>(stream, mapping, POLL, (shard, batch) -> batch, (batch, context) -> {
            invocations.add(batch.stream().map(InMemoryShardedStream.Item::payload).toList());
            return function.apply(batch);
        }, destination, checkpoints, "KinesisBatchInfo");
    }

    /** Processes records in order and stops at the first one named "poison", reporting it. */
    private BatchResponse stopAtPoison(List<InMemoryShardedStream.Item> batch) {
        return stopAt("poison", batch);
    }

    /** Processes records in order and stops at the first one whose payload starts with {@code name}, reporting it. */
    private BatchResponse stopAt(String name, List<InMemoryShardedStream.Item> batch) {
        for (InMemoryShardedStream.Item item : batch) {
            if (item.payload().startsWith(name)) {
                return new BatchResponse(List.of(new BatchResponse.ItemFailure(item.sequenceNumber())));
            }
            processed.add(item.payload());
        }
        return new BatchResponse(List.of());
    }

    private static void await(Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(10);
        }
    }

    @AfterEach
    void stop() {
        if (poller != null) {
            poller.close();
        }
    }

    private List<String> putAll(String shard, List<String> payloads) {
        payloads.forEach(payload -> stream.put(shard, payload));
        return payloads;
    }

    @Test
    void deliversEveryRecordInOrderInBatchesOfAtMostBatchSize() throws Exception {
        stream.addShard("shard-0", null);
        List<String> payloads = putAll("shard-0", List.of("a", "b", "c", "d", "e", "f", "g"));

        start(mapping(3, true, 2, true), this::stopAtPoison);

        await(() -> processed.size() == 7);
        assertThat(processed).containsExactlyElementsOf(payloads);
        assertThat(invocations).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(3));
        assertThat(destination.discarded()).isEmpty();
    }

    @Test
    void checkpointsInAFile_letAPollerStartedLaterGoOnAfterWhatTheFirstDid() throws Exception {
        Path file = dir.resolve("checkpoints/test.json");
        stream.addShard("shard-0", null);
        putAll("shard-0", List.of("a", "b", "c"));
        start(mapping(10, false, 2, true), this::stopAtPoison, Checkpoints.inFile(file));
        await(() -> processed.size() == 3);
        poller.close();
        Thread.sleep(200); // its shard reader sees the stop at its next poll
        putAll("shard-0", List.of("d", "e"));

        start(mapping(10, false, 2, true), this::stopAtPoison, Checkpoints.inFile(file));

        await(() -> processed.size() >= 5);
        Thread.sleep(100);
        assertThat(processed).containsExactly("a", "b", "c", "d", "e");
        assertThat(Checkpoints.inFile(file).get("shard-0")).contains(stream.sequenceNumberOf(
                stream.read("shard-0:4", 1).records().getFirst()));
    }

    @Test
    void aKeptCheckpointThatTheStreamDoesNotHave_readsTheShardFromItsStart() throws Exception {
        Path file = dir.resolve("checkpoints/test.json");
        Checkpoints.inFile(file).put("shard-0", "not-in-this-stream");
        stream.addShard("shard-0", null);
        putAll("shard-0", List.of("a", "b"));

        start(mapping(10, false, 2, true), this::stopAtPoison, Checkpoints.inFile(file));

        await(() -> processed.size() == 2);
        assertThat(processed).containsExactly("a", "b");
    }

    @Test
    void aShardThatSaysTrimmedBeforeAnythingWasDone_isReadAgainFromItsStart_withoutAWarning() throws Exception {
        List<java.util.logging.LogRecord> warnings = Collections.synchronizedList(new ArrayList<>());
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(StreamPoller.class.getName());
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                if (record.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                    warnings.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(capture);
        try {
            stream.addShard("shard-0", null);
            stream.trimNextReads(2);
            putAll("shard-0", List.of("a", "b"));

            start(mapping(10, false, 2, true), this::stopAtPoison);

            await(() -> processed.size() == 2);
            assertThat(processed).containsExactly("a", "b");
            assertThat(warnings).isEmpty();
        } finally {
            log.removeHandler(capture);
        }
    }

    @Test
    void close_waitsForTheBatchUnderWay_andNoBatchRunsAfterIt() throws Exception {
        stream.addShard("shard-0", null);
        putAll("shard-0", List.of("a", "b", "c", "d", "e", "f"));
        start(mapping(1, false, 2, true), batch -> {
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return stopAtPoison(batch);
        });
        await(() -> !invocations.isEmpty());

        poller.close();
        int atClose = invocations.size();
        Thread.sleep(400);

        assertThat(invocations).hasSize(atClose);
        assertThat(processed).as("the batch under way finished").hasSize(atClose);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"not json", "null", "[\"a\"]", "{\"shard-0\": {}}"})
    void aCheckpointFileThatIsNotShardsToSequenceNumbers_isRefusedWithWhatToDo(String content) throws Exception {
        Path file = dir.resolve("bad.json");
        java.nio.file.Files.writeString(file, content);

        assertThatThrownBy(() -> Checkpoints.inFile(file))
                .hasMessageContaining("is not a JSON object of shard ids to sequence numbers");
    }

    @Test
    void partialFailure_checkpointsAtTheLowestFailureAndRetriesFromIt() throws Exception {
        stream.addShard("shard-0", null);
        putAll("shard-0", List.of("a", "b", "c", "d"));
        boolean[] failedOnce = {false};

        start(mapping(10, false, 3, true), batch -> {
            for (InMemoryShardedStream.Item item : batch) {
                if (item.payload().equals("c") && !failedOnce[0]) {
                    failedOnce[0] = true;
                    return new BatchResponse(List.of(new BatchResponse.ItemFailure(item.sequenceNumber())));
                }
                processed.add(item.payload());
            }
            return new BatchResponse(List.of());
        });

        await(() -> processed.size() == 4);
        assertThat(invocations).containsExactly(List.of("a", "b", "c", "d"), List.of("c", "d"));
        assertThat(processed).containsExactly("a", "b", "c", "d");
    }

    @Test
    void partialFailuresAtTheSameRecord_countAsRetries_andTheRestIsDiscardedAfterTheLimit() throws Exception {
        stream.addShard("shard-0", null);
        putAll("shard-0", List.of("a", "b", "stuck", "d"));

        // Without bisect: each answer succeeds part-way, failing at "stuck", as a consumer does whose SKU's writes
        // keep being throttled. A reset on each partial success would retry it for ever.
        start(mapping(10, false, 2, true), batch -> stopAt("stuck", batch));

        await(() -> destination.discarded().size() == 1);
        assertThat(invocations).containsExactly(List.of("a", "b", "stuck", "d"), List.of("stuck", "d"),
                List.of("stuck", "d"));
        assertThat(destination.discarded().getFirst()).satisfies(document -> {
            assertThat(document.get("KinesisBatchInfo")).asString().contains("batchSize=2");
            assertThat(document.get("requestContext")).asString().contains("RetryAttemptsExhausted")
                    .contains("approximateInvokeCount=3");
        });
        assertThat(processed).containsExactly("a", "b");
    }

    @Test
    void poisonRecord_isBisectedOutRetriedThenDiscarded_andTheShardMovesOn() throws Exception {
        stream.addShard("shard-0", null);
        putAll("shard-0", List.of("r0", "r1", "r2", "r3", "r4"));
        String poisonSequence = stream.put("shard-0", "poison").sequenceNumber();
        putAll("shard-0", List.of("r6", "r7", "r8", "r9"));

        start(mapping(8, true, 2, true), this::stopAtPoison);

        await(() -> processed.size() == 9);
        assertThat(processed).containsExactly("r0", "r1", "r2", "r3", "r4", "r6", "r7", "r8", "r9");
        assertThat(destination.discarded()).singleElement().satisfies(document -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> info = (Map<String, Object>) document.get("KinesisBatchInfo");
            @SuppressWarnings("unchecked")
            Map<String, Object> context = (Map<String, Object>) document.get("requestContext");
            assertThat(info).containsEntry("startSequenceNumber", poisonSequence)
                    .containsEntry("endSequenceNumber", poisonSequence).containsEntry("batchSize", 1)
                    .containsEntry("shardId", "shard-0");
            assertThat(context).containsEntry("condition", "RetryAttemptsExhausted").containsEntry("approximateInvokeCount", 3);
            assertThat(document).containsKeys("responseContext", "version", "timestamp")
                    .as("metadata only, as AWS's destination gets").doesNotContainKey("records");
        });
        // The batch of 8 succeeds part-way (its retry from the poison is retry 1), the halves are free, then the
        // poison alone is tried twice more: retry 2, and one past the limit of 2 retries.
        assertThat(invocations.stream().filter(batch -> batch.equals(List.of("poison"))).count()).isEqualTo(2);
        assertThat(destination.file()).content().contains("\"condition\":\"RetryAttemptsExhausted\"");
    }

    @Test
    void functionError_bisectsUntilThePoisonIsAlone_andEveryOtherRecordIsProcessed() throws Exception {
        stream.addShard("shard-0", null);
        putAll("shard-0", List.of("r0", "r1", "poison", "r3", "r4", "r5"));

        start(mapping(6, true, 1, true), batch -> {
            if (batch.stream().anyMatch(item -> item.payload().equals("poison"))) {
                throw new IllegalStateException("the function crashed");
            }
            batch.forEach(item -> processed.add(item.payload()));
            return null;
        });

        await(() -> processed.containsAll(List.of("r0", "r1", "r3", "r4", "r5")) && destination.discarded().size() == 1);
        assertThat(invocations.getFirst()).hasSize(6);
        assertThat(destination.discarded().getFirst().get("responseContext")).asString().contains("Unhandled");
    }

    @Test
    void emptyItemIdentifier_failsTheWholeBatch() throws Exception {
        stream.addShard("shard-0", null);
        putAll("shard-0", List.of("a", "b"));
        int[] calls = {0};

        start(mapping(10, false, 5, true), batch -> {
            if (calls[0]++ == 0) {
                return new BatchResponse(List.of(new BatchResponse.ItemFailure("")));
            }
            batch.forEach(item -> processed.add(item.payload()));
            return new BatchResponse(List.of());
        });

        await(() -> processed.size() == 2);
        assertThat(invocations).containsExactly(List.of("a", "b"), List.of("a", "b"));
    }

    @Test
    void withoutReportBatchItemFailures_aPartialResponseIsIgnored() throws Exception {
        stream.addShard("shard-0", null);
        putAll("shard-0", List.of("a", "poison", "c"));

        start(mapping(10, true, 5, false), this::stopAtPoison);

        await(() -> poller.recordsDone() == 3);
        assertThat(invocations).containsExactly(List.of("a", "poison", "c"));
        assertThat(destination.discarded()).isEmpty();
    }

    @Test
    void recordsOlderThanTheMaximumAge_goToTheDestinationUnprocessed() throws Exception {
        stream.addShard("shard-0", null);
        stream.put("shard-0", "stale", Instant.now().minus(Duration.ofHours(2)));
        stream.put("shard-0", "fresh");

        start(mapping(10, true, 2, true), this::stopAtPoison);

        await(() -> processed.size() == 1);
        assertThat(processed).containsExactly("fresh");
        assertThat(invocations).noneSatisfy(batch -> assertThat(batch).contains("stale"));
        assertThat(destination.discarded()).singleElement()
                .satisfies(document -> assertThat(document.get("requestContext")).asString().contains("RecordAgeExceeded"));
    }

    @Test
    void batchingWindow_gathersRecordsIntoOneInvocation() throws Exception {
        stream.addShard("shard-0", null);
        putAll("shard-0", List.of("a", "b", "c"));
        StreamMapping windowed = new StreamMapping("test", 10, Duration.ofMillis(400), true, 2, Duration.ofHours(1), true);

        start(windowed, this::stopAtPoison);
        Thread.sleep(100);
        putAll("shard-0", List.of("d", "e"));

        await(() -> processed.size() == 5);
        assertThat(invocations).containsExactly(List.of("a", "b", "c", "d", "e"));
    }

    @Test
    void childShard_startsOnlyAfterItsParentIsReadToTheEnd() throws Exception {
        stream.addShard("parent", null);
        stream.addShard("child", "parent");
        putAll("child", List.of("c1", "c2"));
        putAll("parent", List.of("p1", "p2", "p3"));

        start(mapping(2, true, 2, true), this::stopAtPoison);
        Thread.sleep(300);
        assertThat(processed).containsExactly("p1", "p2", "p3");

        stream.close("parent");
        await(() -> processed.size() == 5);
        assertThat(processed).containsExactly("p1", "p2", "p3", "c1", "c2");
    }
}
