package com.stockpulse.functions.broadcast;

import java.util.List;

/**
 * What one fan-out did. {@code conflated}: versions in the batch that were superseded by a newer one of the same SKU
 * and never sent. {@code skipped}: viewers given up on after their retries (429 or 5xx), or beyond the owed viewers a
 * progress can carry; they catch up on the next change or sync, and do not fail the batch. {@code unfinished}:
 * viewers still owed their SKU's newest value at the deadline, carried on in the SKU's broadcast progress to the next
 * invocation (not failed). {@code failedSequenceNumbers} lists the stream records to report as batch item failures:
 * those of SKUs whose rows or viewers could not be read, or whose progress could not be written, for a temporary
 * reason. {@code lagMillis}: from the oldest broadcast value's {@code updatedAt} to the end of its broadcast.
 * {@code budgetUsedPercent}: the share of the post budget spent in the second before the report, by this invocation
 * and any before it in the same container (0 when there is no budget); near 100 the budget, not the work, sets the
 * pace.
 */
public record FanOutReport(int skus, int connections, long delivered, long gone, long retries, long skipped,
                           long permanentFailures, long unfinished, long conflated, List<String> failedSequenceNumbers,
                           long lagMillis, double budgetUsedPercent) {

    public FanOutReport {
        failedSequenceNumbers = List.copyOf(failedSequenceNumbers);
    }
}
