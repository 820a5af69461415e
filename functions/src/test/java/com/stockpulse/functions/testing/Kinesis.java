package com.stockpulse.functions.testing;

import com.stockpulse.functions.events.KinesisBatch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds Kinesis events the way the event source mapping delivers them, for batches a fixture file can't vary. */
public final class Kinesis {

    private Kinesis() {
    }

    public static String sequenceNumber(int index) {
        return String.format("49590034609257389318745165731%06d", index);
    }

    /** One record per payload, with sequence numbers {@link #sequenceNumber}(first), (first+1), ... */
    public static KinesisBatch batch(int first, List<String> payloads) {
        List<KinesisBatch.Record> records = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            records.add(record(sequenceNumber(first + i), payloads.get(i).getBytes(StandardCharsets.UTF_8)));
        }
        return new KinesisBatch(records);
    }

    /** A record as the mapping wraps it; {@code data} may be null, as a hand-made event may leave it. */
    public static KinesisBatch.Record record(String sequenceNumber, byte[] data) {
        return new KinesisBatch.Record(new KinesisBatch.Kinesis("1.0", "sku", sequenceNumber, data, null),
                "aws:kinesis", "1.0", "shardId-000000000000:" + sequenceNumber, "aws:kinesis:record", null,
                "us-east-1", "arn:aws:kinesis:us-east-1:123456789012:stream/sale-events");
    }
}
