package com.stockpulse.cli;

import com.stockpulse.model.SaleEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/** Puts sale events on the stream, partition key = SKU, and turns SDK failures into ours where they arrive. */
final class EventPublisher implements AutoCloseable {

    /** PutRecords takes at most 500 records. */
    static final int MAX_BATCH = 500;
    private static final int BATCH_ATTEMPTS = 5;
    /** Waits between attempts: exponential with full jitter, as Kinesis asks of producers it throttles. */
    private static final long BACKOFF_BASE_MILLIS = 100;
    private static final long BACKOFF_CAP_MILLIS = 2_000;

    /** How the publisher waits; tests record the waits instead of sleeping. */
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private final KinesisClient kinesis;
    private final Target target;
    private final Sleeper sleeper;

    EventPublisher(Target target) {
        this(target, target.kinesis(), Thread::sleep);
    }

    EventPublisher(Target target, KinesisClient kinesis, Sleeper sleeper) {
        this.target = target;
        this.kinesis = kinesis;
        this.sleeper = sleeper;
    }

    PutRecordResponse put(SaleEvent event) {
        try {
            return kinesis.putRecord(r -> r.streamName(target.streamName()).partitionKey(event.partitionKey())
                    .data(SdkBytes.fromByteArray(event.toJsonBytes())));
        } catch (SdkClientException e) {
            throw unreachable(e);
        }
    }

    /**
     * Puts up to 500 events, retrying the records Kinesis throttled (a PutRecords can fail per record) a few
     * times after a growing, jittered wait; returns how many, and which, could not be put in the end.
     */
    BatchResult putBatch(List<SaleEvent> events) {
        EntriesResult result = putEntries(events.stream().map(event -> PutRecordsRequestEntry.builder()
                .partitionKey(event.partitionKey()).data(SdkBytes.fromByteArray(event.toJsonBytes())).build()).toList());
        List<SaleEvent> notPut = result.notPut().stream().map(events::get).toList();
        return new BatchResult(events.size() - notPut.size(), notPut.size(), result.throttled(), notPut);
    }

    /**
     * Puts up to 500 records as they are (stockpulse replay puts back what was on the stream, valid or not), with
     * the same retries as {@link #putBatch}; says which, by index, could not be put in the end.
     */
    EntriesResult putEntries(List<PutRecordsRequestEntry> entries) {
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            pending.add(i);
        }
        int throttled = 0;
        for (int attempt = 1; attempt <= BATCH_ATTEMPTS && !pending.isEmpty(); attempt++) {
            if (attempt > 1) {
                backOff(attempt - 1);
            }
            List<Integer> sent = pending;
            List<PutRecordsRequestEntry> request = sent.stream().map(entries::get).toList();
            PutRecordsResponse response;
            try {
                response = kinesis.putRecords(r -> r.streamName(target.streamName()).records(request));
            } catch (SdkClientException e) {
                throw unreachable(e);
            }
            List<Integer> failed = new ArrayList<>();
            List<PutRecordsResultEntry> results = response.records();
            for (int i = 0; i < results.size(); i++) {
                if (results.get(i).errorCode() != null) {
                    failed.add(sent.get(i));
                }
            }
            throttled += failed.size();
            pending = failed;
        }
        return new EntriesResult(throttled, List.copyOf(pending));
    }

    /** What {@link #putEntries} did: records refused along the way, and the indexes still not put at the end. */
    record EntriesResult(int throttled, List<Integer> notPut) {
    }

    private void backOff(int retry) {
        long ceiling = Math.min(BACKOFF_CAP_MILLIS, BACKOFF_BASE_MILLIS << Math.min(retry - 1, 20));
        try {
            sleeper.sleep(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry throttled records", e);
        }
    }

    /** {@code notPut} are the events still failing after the retries: they never reached the stream. */
    record BatchResult(int put, int failed, int throttled, List<SaleEvent> notPut) {
    }

    private UnreachableEndpointException unreachable(SdkException e) {
        return new UnreachableEndpointException("cannot reach " + target.kinesisDescription() + " (stream "
                + target.streamName() + "): " + e.getMessage() + ". Target: " + target.description(), e);
    }

    @Override
    public void close() {
        kinesis.close();
    }
}
