package com.stockpulse.local.streams;

import com.stockpulse.functions.events.BatchResponse;
import java.util.List;

/**
 * How Lambda reads a stream function's answer (AWS docs, "Configuring partial batch response"): a null or empty
 * failure list is a full success; an item identifier that is empty, null or not in the batch fails the whole
 * batch; otherwise the batch succeeded up to the lowest reported sequence number.
 */
record BatchOutcome(boolean failed, int firstFailedIndex) {

    static BatchOutcome success() {
        return new BatchOutcome(false, -1);
    }

    static BatchOutcome failure() {
        return new BatchOutcome(true, 0);
    }

    boolean isSuccess() {
        return !failed;
    }

    static BatchOutcome of(BatchResponse response, List<String> sequenceNumbers, boolean reportBatchItemFailures) {
        if (response == null || response.batchItemFailures().isEmpty()) {
            return success();
        }
        if (!reportBatchItemFailures) {
            // Without ReportBatchItemFailures on the mapping Lambda ignores the list: the batch counts as a success.
            return success();
        }
        int lowest = Integer.MAX_VALUE;
        for (BatchResponse.ItemFailure failure : response.batchItemFailures()) {
            String id = failure == null ? null : failure.itemIdentifier();
            int index = id == null || id.isEmpty() ? -1 : sequenceNumbers.indexOf(id);
            if (index < 0) {
                return failure();
            }
            lowest = Math.min(lowest, index);
        }
        return new BatchOutcome(true, lowest);
    }
}
