package com.stockpulse.local.streams;

import com.amazonaws.services.lambda.runtime.Context;
import com.stockpulse.functions.events.BatchResponse;
import com.stockpulse.local.lambda.LocalLambdaContext;
import com.stockpulse.model.StreamMapping;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Lambda event source mapping for one stream, as AWS documents it: each shard is read in order by its own
 * worker; records are batched (batch size, batching window); the function's partial batch response moves the
 * checkpoint to the lowest failed sequence number; a failed batch is bisected (halves do not use up retries) and
 * retried up to the maximum attempts; records past the maximum age, and batches that run out of retries, go to the
 * on-failure destination and the shard moves on. A child shard starts once its parent is read to the end.
 *
 * @param <T> the stream's record type
 * @param <E> the Lambda event type the function takes
 */
public final class StreamPoller<T, E> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamPoller.class);
    private static final Duration SHARD_DISCOVERY = Duration.ofSeconds(2);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final ShardedStream<T> stream;
    private final StreamMapping mapping;
    private final Duration pollInterval;
    private final BiFunction<String, List<T>, E> toEvent;
    private final BiFunction<E, Context, BatchResponse> function;
    private final FailureDestination destination;
    private final Checkpoints checkpoints;
    private final String batchInfoKey;
    private final Set<String> started = ConcurrentHashMap.newKeySet();
    private final Set<String> finished = ConcurrentHashMap.newKeySet();
    /** One reader per shard; {@link #close()} waits for them, so no handler runs after it returns. */
    private final Set<Thread> readers = ConcurrentHashMap.newKeySet();
    private final AtomicLong invocations = new AtomicLong();
    private final AtomicLong recordsDone = new AtomicLong();
    private volatile boolean running = true;
    private volatile long lagMillis;
    private final Thread discovery;

    /**
     * @param toEvent      builds the function's event from a shard's batch
     * @param checkpoints  where each shard's reading starts, and where it is recorded as batches are done
     * @param batchInfoKey {@code KinesisBatchInfo} or {@code DDBStreamBatchInfo}: the key AWS uses in the
     *                     on-failure document
     */
    public StreamPoller(ShardedStream<T> stream, StreamMapping mapping, Duration pollInterval,
                        BiFunction<String, List<T>, E> toEvent, BiFunction<E, Context, BatchResponse> function,
                        FailureDestination destination, Checkpoints checkpoints, String batchInfoKey) {
        this.stream = stream;
        this.mapping = mapping;
        this.pollInterval = pollInterval;
        this.toEvent = toEvent;
        this.function = function;
        this.destination = destination;
        this.checkpoints = checkpoints;
        this.batchInfoKey = batchInfoKey;
        this.discovery = Thread.ofPlatform().daemon().name("poller-" + mapping.name()).start(this::discover);
    }

    public StreamMapping mapping() {
        return mapping;
    }

    public Duration pollInterval() {
        return pollInterval;
    }

    /** Function invocations so far (every retry and every half of a bisected batch counts). */
    public long invocations() {
        return invocations.get();
    }

    /**
     * How long the last record checkpointed past had waited on its stream when it was done (close to AWS's
     * IteratorAge): the mapping's delay. It is not updated while a batch is retried.
     */
    public Duration lag() {
        return Duration.ofMillis(lagMillis);
    }

    /** Records checkpointed past: processed, or sent to the on-failure destination. */
    public long recordsDone() {
        return recordsDone.get();
    }

    private void discover() {
        while (running) {
            try {
                List<ShardedStream.Shard> shards = stream.shards();
                Set<String> present = new java.util.HashSet<>();
                shards.forEach(shard -> present.add(shard.shardId()));
                for (ShardedStream.Shard shard : shards) {
                    String parent = shard.parentShardId();
                    // Per-key order: a child shard waits until its parent is read to the end (or trimmed away).
                    boolean ready = parent == null || finished.contains(parent) || !present.contains(parent);
                    if (ready && started.add(shard.shardId())) {
                        readers.add(Thread.ofVirtual().name("poller-" + mapping.name() + "-" + shard.shardId())
                                .start(() -> new ShardReader(shard.shardId()).run()));
                    }
                }
            } catch (RuntimeException e) {
                LOG.warn("{}: cannot list shards: {}", mapping.name(), e.toString());
            }
            sleep(SHARD_DISCOVERY);
        }
    }

    /** One shard's reading: its buffer, iterator and checkpoint, kept by one virtual thread. */
    private final class ShardReader {

        private final String shardId;
        private final Deque<T> buffer = new ArrayDeque<>();
        private String iterator;
        /** The last sequence number done; null before the first. */
        private String checkpoint;
        /** The batch size now: the mapping's, or less while a failed batch is bisected. */
        private int limit = mapping.batchSize();
        private int attempts;
        private Instant windowStart;

        ShardReader(String shardId) {
            this.shardId = shardId;
            this.checkpoint = checkpoints.get(shardId).orElse(null);
        }

        void run() {
            while (running) {
                try {
                    if (!step()) {
                        return;
                    }
                } catch (RuntimeException e) {
                    recover(e);
                }
            }
        }

        /** Reads what fits, then gives the function a batch if one is due; false once the shard is read to its end. */
        private boolean step() {
            fill();
            if (buffer.isEmpty()) {
                if (iterator == null) {
                    return false;
                }
                windowStart = null;
                sleep(pollInterval);
                return true;
            }
            if (!batchDue()) {
                sleep(pollInterval);
                return true;
            }
            List<T> batch = take(buffer, Math.min(limit, buffer.size()));
            if (tooOld(batch.getFirst())) {
                List<T> expired = batch.stream().filter(StreamPoller.this::tooOld).toList();
                discard(shardId, expired, "RecordAgeExceeded", 0, null);
                checkpointPast(expired.size());
            } else {
                settle(batch, invoke(shardId, batch));
            }
            return true;
        }

        private void fill() {
            if (iterator == null && buffer.isEmpty() && !finished.contains(shardId)) {
                iterator = checkpoint == null ? stream.firstIterator(shardId) : stream.iteratorAfter(shardId, checkpoint);
            }
            if (iterator != null && buffer.size() < mapping.batchSize()) {
                ShardedStream.Page<T> page = stream.read(iterator, mapping.batchSize() - buffer.size());
                buffer.addAll(page.records());
                iterator = page.nextIterator();
                if (iterator == null) {
                    finished.add(shardId);
                }
            }
        }

        /** A full batch, the shard's end, or the batching window over since the first record waited. */
        private boolean batchDue() {
            if (windowStart == null) {
                windowStart = Instant.now();
            }
            boolean windowOpen = Duration.between(windowStart, Instant.now()).compareTo(mapping.batchingWindow()) < 0;
            return buffer.size() >= mapping.batchSize() || !windowOpen || iterator == null;
        }

        /** What the function's answer does to the shard: AWS's checkpoint, bisect, retry and discard rules. */
        private void settle(List<T> batch, BatchOutcome outcome) {
            if (outcome.isSuccess()) {
                checkpointPast(batch.size());
                limit = mapping.batchSize();
                attempts = 0;
                windowStart = null;
            } else if (outcome.firstFailedIndex() > 0) {
                // Partial success: checkpoint before the lowest failure and retry from it. The retry counts: Lambda
                // treats every result but a complete success as a failure retried up to the limit, so a batch that
                // keeps failing part-way is discarded after its retries, as it would be on AWS.
                checkpointPast(outcome.firstFailedIndex());
                if (++attempts > mapping.maxRetryAttempts()) {
                    discard(shardId, take(buffer, batch.size() - outcome.firstFailedIndex()), "RetryAttemptsExhausted",
                            attempts, "PartialFailure");
                    checkpointPast(batch.size() - outcome.firstFailedIndex());
                    limit = mapping.batchSize();
                    attempts = 0;
                } else {
                    sleep(retryPause(attempts));
                }
            } else if (mapping.bisectOnError() && batch.size() > 1) {
                limit = (batch.size() + 1) / 2;
            } else if (++attempts > mapping.maxRetryAttempts()) {
                discard(shardId, batch, "RetryAttemptsExhausted", attempts, "Unhandled");
                checkpointPast(batch.size());
                limit = mapping.batchSize();
                attempts = 0;
            } else {
                sleep(retryPause(attempts));
            }
        }

        /** The stream failed, not the function: read again from the checkpoint, or from what the shard keeps. */
        private void recover(RuntimeException e) {
            boolean positionLost = stream.positionLost(e);
            if (positionLost && checkpoint == null) {
                // Nothing done yet and nothing to read (DynamoDB Local says so of a shard with no record yet).
                LOG.debug("{} {}: nothing to read yet: {}", mapping.name(), shardId, e.toString());
            } else if (positionLost) {
                // Trimmed before it was read, or a checkpoint kept from a stream since created again: AWS's
                // mapping goes on from what the shard keeps. Say so: trimmed records are lost.
                LOG.warn("{} {}: cannot go on after {} ({}); going on from the oldest record "
                        + "the shard keeps", mapping.name(), shardId, checkpoint, e.toString());
                checkpoint = null;
            } else {
                LOG.warn("{} {}: reading failed, resuming {}: {}", mapping.name(), shardId,
                        checkpoint == null ? "from the shard's start" : "after " + checkpoint, e.toString());
            }
            iterator = null;
            buffer.clear();
            finished.remove(shardId);
            sleep(Duration.ofSeconds(1));
        }

        /** Checkpoints past the first {@code count} buffered records. */
        private void checkpointPast(int count) {
            T last = null;
            for (int i = 0; i < count; i++) {
                last = buffer.pollFirst();
                checkpoint = stream.sequenceNumberOf(last);
            }
            if (last != null) {
                try {
                    checkpoints.put(shardId, checkpoint);
                } catch (UncheckedIOException e) {
                    // The batch is done either way; a restart would read it again, which exactly-once makes harmless.
                    LOG.warn("{} {}: {}", mapping.name(), shardId, e.getMessage());
                }
                lagMillis = Math.max(0, Duration.between(stream.arrivalOf(last), Instant.now()).toMillis());
            }
            recordsDone.addAndGet(count);
        }
    }

    private BatchOutcome invoke(String shardId, List<T> batch) {
        invocations.incrementAndGet();
        List<String> sequenceNumbers = batch.stream().map(stream::sequenceNumberOf).toList();
        try {
            BatchResponse response = function.apply(toEvent.apply(shardId, batch),
                    new LocalLambdaContext(mapping.name(), Duration.ofMinutes(1)));
            return BatchOutcome.of(response, sequenceNumbers, mapping.reportBatchItemFailures());
        } catch (RuntimeException e) {
            LOG.warn(mapping.name() + ": function failed on a batch of " + batch.size(), e);
            return BatchOutcome.failure();
        }
    }

    private boolean tooOld(T record) {
        return stream.arrivalOf(record).plus(mapping.maxRecordAge()).isBefore(Instant.now());
    }

    private void discard(String shardId, List<T> batch, String condition, int invokeCount, String functionError) {
        Map<String, Object> requestContext = new LinkedHashMap<>();
        requestContext.put("requestId", UUID.randomUUID().toString());
        requestContext.put("functionArn", "arn:aws:lambda:local:000000000000:function:" + mapping.name());
        requestContext.put("condition", condition);
        requestContext.put("approximateInvokeCount", invokeCount);
        Map<String, Object> responseContext = new LinkedHashMap<>();
        responseContext.put("statusCode", 200);
        responseContext.put("executedVersion", "$LATEST");
        responseContext.put("functionError", functionError);
        Map<String, Object> batchInfo = new LinkedHashMap<>();
        batchInfo.put("shardId", shardId);
        batchInfo.put("startSequenceNumber", stream.sequenceNumberOf(batch.getFirst()));
        batchInfo.put("endSequenceNumber", stream.sequenceNumberOf(batch.getLast()));
        batchInfo.put("approximateArrivalOfFirstRecord", stream.arrivalOf(batch.getFirst()).toString());
        batchInfo.put("approximateArrivalOfLastRecord", stream.arrivalOf(batch.getLast()).toString());
        batchInfo.put("batchSize", batch.size());
        batchInfo.put("streamArn", stream.arn());
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("requestContext", requestContext);
        document.put("responseContext", responseContext);
        document.put("version", "1.0");
        document.put("timestamp", Instant.now().toString());
        document.put(batchInfoKey, batchInfo);
        // Metadata only, as AWS's destination gets: the records are read back from the stream (stockpulse replay).
        destination.accept(document);
        LOG.warn("{} {}: {} record(s) {}..{} sent to {} ({})", mapping.name(), shardId,
                batch.size(), batchInfo.get("startSequenceNumber"), batchInfo.get("endSequenceNumber"),
                destination.file(), condition);
    }

    private List<T> take(Deque<T> buffer, int count) {
        List<T> batch = new ArrayList<>(count);
        var it = buffer.iterator();
        for (int i = 0; i < count && it.hasNext(); i++) {
            batch.add(it.next());
        }
        return batch;
    }

    /** The wait before a failed batch's next attempt: 100 ms, doubling to 1 s. */
    private static Duration retryPause(int attempts) {
        return Duration.ofMillis(Math.min(1_000, 50L << Math.min(attempts, 5)));
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        discovery.interrupt();
        try {
            discovery.join(CLOSE_WAIT);
            for (Thread reader : readers) {
                // Not interrupted: a batch under way finishes and checkpoints; an idle reader stops after its wait.
                if (!reader.join(CLOSE_WAIT)) {
                    LOG.warn("{}: {} still runs its batch after {}", mapping.name(), reader.getName(),
                            CLOSE_WAIT);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
