package com.stockpulse.functions.stock;

/** One Kinesis record as the consumer sees it: where it sits in the shard, and its bytes. */
public record SaleRecord(String sequenceNumber, byte[] data) {
}
