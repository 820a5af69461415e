package com.stockpulse.local.streams;

import com.amazonaws.services.lambda.runtime.Context;
import com.stockpulse.functions.events.BatchResponse;
import com.stockpulse.functions.events.DynamoDbStreamBatch;
import com.stockpulse.functions.events.KinesisBatch;
import com.stockpulse.model.StreamMapping;
import java.time.Duration;
import java.util.function.BiFunction;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * A Lambda event source mapping, as the CDK stack declares one: a stream, a function, a batching and retry policy
 * ({@link StreamMapping}) and an on-failure destination. It polls from {@link #kinesis} or {@link #dynamoDbStream}
 * until closed; {@link StreamPoller} does the polling.
 */
public final class EventSourceMapping implements AutoCloseable {

    /**
     * How a mapping runs here: its AWS settings, how often an idle shard is polled, where the batches it gives up on
     * go and where each shard's reading starts.
     */
    public record Polling(StreamMapping mapping, Duration interval, FailureDestination failures,
                          Checkpoints checkpoints) {
    }

    private final StreamPoller<?, ?> poller;
    private final FailureDestination failures;

    private EventSourceMapping(StreamPoller<?, ?> poller, FailureDestination failures) {
        this.poller = poller;
        this.failures = failures;
    }

    /** {@code function} invoked with the records of the Kinesis stream {@code streamName}. */
    public static EventSourceMapping kinesis(KinesisClient kinesis, String streamName, String region, Polling polling,
                                             BiFunction<KinesisBatch, Context, BatchResponse> function) {
        KinesisShardedStream stream = new KinesisShardedStream(kinesis, streamName);
        return new EventSourceMapping(new StreamPoller<>(stream, polling.mapping(), polling.interval(),
                (shard, records) -> LambdaEvents.kinesis(stream.arn(), region, shard, records), function,
                polling.failures(), polling.checkpoints(), "KinesisBatchInfo"), polling.failures());
    }

    /** {@code function} invoked with the records of the DynamoDB stream {@code streamArn}. */
    public static EventSourceMapping dynamoDbStream(DynamoDbStreamsClient streams, String streamArn, String region,
                                                    Polling polling,
                                                    BiFunction<DynamoDbStreamBatch, Context, BatchResponse> function) {
        return new EventSourceMapping(new StreamPoller<>(new DynamoDbShardedStream(streams, streamArn),
                polling.mapping(), polling.interval(),
                (shard, records) -> LambdaEvents.dynamoDb(streamArn, region, records), function,
                polling.failures(), polling.checkpoints(), "DDBStreamBatchInfo"), polling.failures());
    }

    /** Records checkpointed past: processed, or sent to the on-failure destination. */
    public long recordsDone() {
        return poller.recordsDone();
    }

    /** How long the last record done had waited on its stream (close to AWS's IteratorAge). */
    public Duration lag() {
        return poller.lag();
    }

    /** The batches given up on. */
    public FailureDestination failures() {
        return failures;
    }

    /** Stops polling; a batch under way finishes and checkpoints first. */
    @Override
    public void close() {
        poller.close();
    }
}
