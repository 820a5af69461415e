package com.stockpulse.local.testing;

import com.stockpulse.local.runtime.LocalRuntime;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** Proves that nothing reached the stream: take LATEST iterators before an action, read them after. */
public final class StreamProbe {

    private final LocalRuntime runtime;
    private final List<String> iterators = new ArrayList<>();

    private StreamProbe(LocalRuntime runtime) {
        this.runtime = runtime;
        String stream = runtime.settings().streamName();
        runtime.kinesis().listShards(r -> r.streamName(stream)).shards().forEach(shard -> iterators.add(
                runtime.kinesis().getShardIterator(r -> r.streamName(stream).shardId(shard.shardId())
                        .shardIteratorType(ShardIteratorType.LATEST)).shardIterator()));
    }

    /** Marks the stream's current end on every shard. */
    public static StreamProbe mark(LocalRuntime runtime) {
        return new StreamProbe(runtime);
    }

    /** How many records arrived on any shard since the mark. */
    public int recordsSinceMark() {
        int count = 0;
        for (String iterator : iterators) {
            count += runtime.kinesis().getRecords(r -> r.shardIterator(iterator)).records().size();
        }
        return count;
    }
}
