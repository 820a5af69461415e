package com.stockpulse.functions.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * What a DynamoDB Streams event source mapping invokes a function with (AWS docs, "Using Lambda with DynamoDB",
 * example event): the stream records of one shard, in order, with the item images in DynamoDB's JSON. Unknown
 * fields are ignored; absent ones are null.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DynamoDbStreamBatch(@JsonProperty("Records") List<Record> records) {

    public DynamoDbStreamBatch {
        records = records == null ? List.of() : Collections.unmodifiableList(records);
    }

    /** @param eventName {@code INSERT}, {@code MODIFY} or {@code REMOVE} */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Record(@JsonProperty("eventID") String eventID,
                         @JsonProperty("eventName") String eventName,
                         @JsonProperty("eventVersion") String eventVersion,
                         @JsonProperty("eventSource") String eventSource,
                         @JsonProperty("awsRegion") String awsRegion,
                         @JsonProperty("dynamodb") StreamRecord dynamodb,
                         @JsonProperty("eventSourceARN") String eventSourceARN) {
    }

    /**
     * The change itself, named as the DynamoDB Streams API names it.
     *
     * @param approximateCreationDateTime seconds since the epoch
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StreamRecord(@JsonProperty("ApproximateCreationDateTime") BigDecimal approximateCreationDateTime,
                               @JsonProperty("Keys") Map<String, AttributeValue> keys,
                               @JsonProperty("NewImage") Map<String, AttributeValue> newImage,
                               @JsonProperty("OldImage") Map<String, AttributeValue> oldImage,
                               @JsonProperty("SequenceNumber") String sequenceNumber,
                               @JsonProperty("SizeBytes") Long sizeBytes,
                               @JsonProperty("StreamViewType") String streamViewType) {
    }
}
