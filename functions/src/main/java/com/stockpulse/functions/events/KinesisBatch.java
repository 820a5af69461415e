package com.stockpulse.functions.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;

/**
 * What a Kinesis event source mapping invokes a function with (AWS docs, "Using Lambda with Kinesis", example
 * event): the records of one shard, in order. Unknown fields are ignored; absent ones are null.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KinesisBatch(@JsonProperty("Records") List<Record> records) {

    public KinesisBatch {
        records = records == null ? List.of() : Collections.unmodifiableList(records);
    }

    /**
     * One record as the mapping wraps it.
     *
     * @param eventID {@code shardId:sequenceNumber}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Record(@JsonProperty("kinesis") Kinesis kinesis,
                         @JsonProperty("eventSource") String eventSource,
                         @JsonProperty("eventVersion") String eventVersion,
                         @JsonProperty("eventID") String eventID,
                         @JsonProperty("eventName") String eventName,
                         @JsonProperty("invokeIdentityArn") String invokeIdentityArn,
                         @JsonProperty("awsRegion") String awsRegion,
                         @JsonProperty("eventSourceARN") String eventSourceARN) {
    }

    /**
     * The Kinesis part of a record.
     *
     * @param data                        the producer's bytes (base64 in the JSON)
     * @param approximateArrivalTimestamp seconds since the epoch, with a fraction
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Kinesis(@JsonProperty("kinesisSchemaVersion") String kinesisSchemaVersion,
                          @JsonProperty("partitionKey") String partitionKey,
                          @JsonProperty("sequenceNumber") String sequenceNumber,
                          @JsonProperty("data") byte[] data,
                          @JsonProperty("approximateArrivalTimestamp") BigDecimal approximateArrivalTimestamp) {
    }
}
