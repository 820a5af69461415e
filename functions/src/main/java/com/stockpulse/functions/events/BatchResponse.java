package com.stockpulse.functions.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * A stream function's partial batch response (AWS docs, "Configuring partial batch response"): the mapping, with
 * {@code ReportBatchItemFailures} on, retries from the lowest sequence number listed; an empty list is a success.
 */
public record BatchResponse(@JsonProperty("batchItemFailures") List<ItemFailure> batchItemFailures) {

    /** Null entries are kept: an answer that lists one fails the whole batch, as Lambda reads it. */
    public BatchResponse {
        batchItemFailures = batchItemFailures == null ? List.of()
                : Collections.unmodifiableList(new ArrayList<>(batchItemFailures));
    }

    /** @param itemIdentifier the failed record's sequence number */
    public record ItemFailure(@JsonProperty("itemIdentifier") String itemIdentifier) {
    }

    public static BatchResponse failing(Collection<String> sequenceNumbers) {
        return new BatchResponse(sequenceNumbers.stream().map(ItemFailure::new).toList());
    }

    /** The sequence numbers listed (null for an entry without one). */
    public List<String> failedSequenceNumbers() {
        return batchItemFailures.stream().map(failure -> failure == null ? null : failure.itemIdentifier()).toList();
    }
}
