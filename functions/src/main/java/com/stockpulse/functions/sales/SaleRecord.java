package com.stockpulse.functions.sales;

/**
 * One Kinesis record as the consumer sees it: where it sits in the shard, and its bytes.
 *
 * @param recordId the record's place in the stream ({@code shardId:sequenceNumber}, Lambda's event id); a
 *                 malformed record is kept under it
 */
public record SaleRecord(String sequenceNumber, byte[] data, String recordId) {

    public SaleRecord(String sequenceNumber, byte[] data) {
        this(sequenceNumber, data, sequenceNumber);
    }
}
