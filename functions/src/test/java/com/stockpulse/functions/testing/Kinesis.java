package com.stockpulse.functions.testing;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import java.nio.ByteBuffer;
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
    public static KinesisEvent batch(int first, List<String> payloads) {
        List<KinesisEvent.KinesisEventRecord> records = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            KinesisEvent.Record kinesis = new KinesisEvent.Record();
            kinesis.setSequenceNumber(sequenceNumber(first + i));
            kinesis.setPartitionKey("sku");
            kinesis.setData(ByteBuffer.wrap(payloads.get(i).getBytes(StandardCharsets.UTF_8)));
            KinesisEvent.KinesisEventRecord record = new KinesisEvent.KinesisEventRecord();
            record.setKinesis(kinesis);
            record.setEventSource("aws:kinesis");
            record.setEventID("shardId-000000000000:" + kinesis.getSequenceNumber());
            records.add(record);
        }
        KinesisEvent event = new KinesisEvent();
        event.setRecords(records);
        return event;
    }
}
