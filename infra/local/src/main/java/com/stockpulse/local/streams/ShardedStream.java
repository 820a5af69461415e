package com.stockpulse.local.streams;

import java.time.Instant;
import java.util.List;

/**
 * A stream made of shards, read with iterators: Kinesis and DynamoDB Streams both look like this. Implementations:
 * {@code KinesisShardedStream}, {@code DynamoDbShardedStream}, and {@code InMemoryShardedStream} for tests.
 *
 * @param <T> the stream's own record type
 */
public interface ShardedStream<T> {

    String arn();

    /** The shards that exist now, each with its parent (null if none), parents first. */
    List<Shard> shards();

    /** An iterator at the start of the shard's retained records. */
    String firstIterator(String shardId);

    /** An iterator just after {@code sequenceNumber}: where a reader resumes from its checkpoint. */
    String iteratorAfter(String shardId, String sequenceNumber);

    /** Up to {@code limit} records; {@code nextIterator} is null once a closed shard is read to its end. */
    Page<T> read(String iterator, int limit);

    /** Where a record sits and when it arrived, for ordering, checkpoints and the maximum record age. */
    String sequenceNumberOf(T record);

    Instant arrivalOf(T record);

    /**
     * Whether {@code failure} says the shard cannot be read from the asked position, ever: before the oldest record
     * it keeps (DynamoDB Streams' TrimmedDataAccess, which DynamoDB Local also answers for a shard with no record
     * yet), or after a sequence number it never had (Kinesis' InvalidArgument: a stream created again under the same
     * name). A reader then goes on from the oldest record the shard keeps, as AWS's mappings do.
     */
    default boolean positionLost(RuntimeException failure) {
        return false;
    }

    record Shard(String shardId, String parentShardId) {
    }

    record Page<T>(List<T> records, String nextIterator) {
    }
}
