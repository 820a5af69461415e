package com.stockpulse.local.streams;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** A Kinesis data stream read with the SDK's sync client (kinesalite locally; calls by stream name, not ARN). */
public final class KinesisShardedStream implements ShardedStream<Record> {

    private final KinesisClient kinesis;
    private final String streamName;
    private final String arn;

    public KinesisShardedStream(KinesisClient kinesis, String streamName) {
        this.kinesis = kinesis;
        this.streamName = streamName;
        this.arn = kinesis.describeStreamSummary(r -> r.streamName(streamName)).streamDescriptionSummary().streamARN();
    }

    @Override
    public String arn() {
        return arn;
    }

    @Override
    public List<Shard> shards() {
        List<Shard> shards = new ArrayList<>();
        String next = null;
        do {
            String token = next;
            ListShardsResponse page = token == null
                    ? kinesis.listShards(r -> r.streamName(streamName))
                    : kinesis.listShards(r -> r.nextToken(token));
            page.shards().forEach(shard -> shards.add(new Shard(shard.shardId(), shard.parentShardId())));
            next = page.nextToken();
        } while (next != null);
        return shards;
    }

    @Override
    public String firstIterator(String shardId) {
        return kinesis.getShardIterator(r -> r.streamName(streamName).shardId(shardId)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
    }

    @Override
    public String iteratorAfter(String shardId, String sequenceNumber) {
        return kinesis.getShardIterator(r -> r.streamName(streamName).shardId(shardId)
                .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                .startingSequenceNumber(sequenceNumber)).shardIterator();
    }

    @Override
    public Page<Record> read(String iterator, int limit) {
        GetRecordsResponse response = kinesis.getRecords(r -> r.shardIterator(iterator).limit(limit));
        return new Page<>(response.records(), response.nextShardIterator());
    }

    @Override
    public boolean positionLost(RuntimeException failure) {
        return failure instanceof InvalidArgumentException;
    }

    @Override
    public String sequenceNumberOf(Record record) {
        return record.sequenceNumber();
    }

    @Override
    public Instant arrivalOf(Record record) {
        return record.approximateArrivalTimestamp();
    }
}
