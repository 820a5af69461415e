package com.stockpulse.functions.fanout;

import java.util.List;

/**
 * What one fan-out did. {@code failedSequenceNumbers} lists the stream records to report as batch item failures:
 * those of SKUs whose viewers could not all be reached for a temporary reason before the deadline.
 */
public record FanOutReport(int skus, int connections, long delivered, long gone, long retries, long permanentFailures,
                           long unfinished, List<String> failedSequenceNumbers) {

    public FanOutReport {
        failedSequenceNumbers = List.copyOf(failedSequenceNumbers);
    }
}
