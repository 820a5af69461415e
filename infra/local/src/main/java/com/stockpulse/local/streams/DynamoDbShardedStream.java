package com.stockpulse.local.streams;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** A DynamoDB table's stream read with the SDK's DynamoDB Streams client (DynamoDB Local locally). */
public final class DynamoDbShardedStream implements ShardedStream<Record> {

    /** GetRecords on DynamoDB Streams returns at most 1,000 records. */
    private static final int MAX_READ = 1_000;

    private final DynamoDbStreamsClient streams;
    private final String streamArn;

    public DynamoDbShardedStream(DynamoDbStreamsClient streams, String streamArn) {
        this.streams = streams;
        this.streamArn = streamArn;
    }

    @Override
    public String arn() {
        return streamArn;
    }

    @Override
    public List<Shard> shards() {
        List<Shard> shards = new ArrayList<>();
        String last = null;
        do {
            String start = last;
            DescribeStreamResponse page = streams.describeStream(r -> r.streamArn(streamArn).exclusiveStartShardId(start));
            page.streamDescription().shards().forEach(s -> shards.add(new Shard(s.shardId(), s.parentShardId())));
            last = page.streamDescription().lastEvaluatedShardId();
        } while (last != null);
        return shards;
    }

    @Override
    public String firstIterator(String shardId) {
        return streams.getShardIterator(r -> r.streamArn(streamArn).shardId(shardId)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
    }

    @Override
    public String iteratorAfter(String shardId, String sequenceNumber) {
        return streams.getShardIterator(r -> r.streamArn(streamArn).shardId(shardId)
                .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(sequenceNumber)).shardIterator();
    }

    @Override
    public Page<Record> read(String iterator, int limit) {
        GetRecordsResponse response = streams.getRecords(r -> r.shardIterator(iterator).limit(Math.min(limit, MAX_READ)));
        return new Page<>(response.records(), response.nextShardIterator());
    }

    @Override
    public boolean positionLost(RuntimeException failure) {
        return failure instanceof TrimmedDataAccessException;
    }

    @Override
    public String sequenceNumberOf(Record record) {
        return record.dynamodb().sequenceNumber();
    }

    @Override
    public Instant arrivalOf(Record record) {
        Instant created = record.dynamodb().approximateCreationDateTime();
        return created == null ? Instant.now() : created;
    }
}
