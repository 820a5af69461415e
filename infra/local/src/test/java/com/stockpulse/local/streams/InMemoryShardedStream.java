package com.stockpulse.local.streams;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A sharded stream without Kinesis or DynamoDB: for the poller's unit tests. Iterators are "shard:index". */
final class InMemoryShardedStream implements ShardedStream<InMemoryShardedStream.Item> {

    record Item(String sequenceNumber, String payload, Instant arrival) {
    }

    private final Map<String, List<Item>> shards = new LinkedHashMap<>();
    private final Map<String, String> parents = new LinkedHashMap<>();
    private final Map<String, Boolean> closed = new LinkedHashMap<>();
    private long nextSequence = 1000;
    private int trimmedReads;

    /** What DynamoDB Streams' TrimmedDataAccess is to {@link #positionLost}. */
    static final class Trimmed extends RuntimeException {
        Trimmed() {
            super("trimmed (test)");
        }
    }

    /** The next {@code reads} reads fail as trimmed, as DynamoDB Local's do on a shard with no record yet. */
    synchronized void trimNextReads(int reads) {
        trimmedReads = reads;
    }

    /** Trimmed reads, and sequence numbers the shard never had (as Kinesis answers for a stream created again). */
    @Override
    public boolean positionLost(RuntimeException failure) {
        return failure instanceof Trimmed || failure instanceof IllegalArgumentException;
    }

    synchronized void addShard(String shardId, String parentShardId) {
        shards.put(shardId, new ArrayList<>());
        parents.put(shardId, parentShardId);
        closed.put(shardId, false);
    }

    synchronized Item put(String shardId, String payload, Instant arrival) {
        Item item = new Item(Long.toString(nextSequence++), payload, arrival);
        shards.get(shardId).add(item);
        return item;
    }

    synchronized Item put(String shardId, String payload) {
        return put(shardId, payload, Instant.now());
    }

    synchronized void close(String shardId) {
        closed.put(shardId, true);
    }

    @Override
    public String arn() {
        return "arn:aws:kinesis:local:000000000000:stream/test";
    }

    @Override
    public synchronized List<Shard> shards() {
        return shards.keySet().stream().map(id -> new Shard(id, parents.get(id))).toList();
    }

    @Override
    public String firstIterator(String shardId) {
        return shardId + ":0";
    }

    @Override
    public synchronized String iteratorAfter(String shardId, String sequenceNumber) {
        List<Item> items = shards.get(shardId);
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).sequenceNumber().equals(sequenceNumber)) {
                return shardId + ":" + (i + 1);
            }
        }
        throw new IllegalArgumentException("no record " + sequenceNumber + " in " + shardId);
    }

    @Override
    public synchronized Page<Item> read(String iterator, int limit) {
        if (trimmedReads > 0) {
            trimmedReads--;
            throw new Trimmed();
        }
        String shardId = iterator.substring(0, iterator.lastIndexOf(':'));
        int from = Integer.parseInt(iterator.substring(iterator.lastIndexOf(':') + 1));
        List<Item> items = shards.get(shardId);
        int to = Math.min(items.size(), from + limit);
        List<Item> page = List.copyOf(items.subList(from, to));
        boolean done = closed.get(shardId) && to == items.size();
        return new Page<>(page, done ? null : shardId + ":" + to);
    }

    @Override
    public String sequenceNumberOf(Item record) {
        return record.sequenceNumber();
    }

    @Override
    public Instant arrivalOf(Item record) {
        return record.arrival();
    }
}
