package com.stockpulse.model;

import java.time.Duration;
import java.util.Objects;

/**
 * The settings of one Lambda event source mapping, shared by the CDK stack and the local runtime's pollers so the
 * two behave alike. Names follow the Lambda API (CreateEventSourceMapping).
 *
 * @param batchSize               most records per invocation
 * @param batchingWindow          how long to gather records before invoking (AWS: whole seconds, 0 to 300)
 * @param bisectOnError           split a failed batch in two and retry the halves (does not use up retries)
 * @param maxRetryAttempts        retries of a failing batch before it goes to the on-failure destination
 * @param maxRecordAge            records older than this go to the on-failure destination unprocessed
 * @param reportBatchItemFailures honour the function's partial batch response; without it Lambda ignores it
 */
public record StreamMapping(String name, int batchSize, Duration batchingWindow, boolean bisectOnError,
                            int maxRetryAttempts, Duration maxRecordAge, boolean reportBatchItemFailures) {

    /** Kinesis {@code sale-events} to {@code SaleEventConsumer}. */
    public static final StreamMapping SALE_EVENTS = new StreamMapping("sale-events", 100, Duration.ZERO, true, 5,
            Duration.ofDays(1), true);

    /**
     * The stock table's stream to {@code StockFanOutHandler}. A stock message older than an hour is worthless:
     * browsers resync on every reconnect. 1,000 records (one GetRecords page): a fan-out invocation takes up to its
     * deadline whatever the batch holds (a hot SKU's rows are read, not replayed record by record), so the shard keeps
     * up with 1,000 records per deadline, far more than the consumer writes for the hottest SKUs.
     */
    public static final StreamMapping STOCK_CHANGES = new StreamMapping("stock-changes", 1_000, Duration.ZERO, true, 3,
            Duration.ofHours(1), true);

    public StreamMapping {
        Objects.requireNonNull(name, "name");
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("batchSize is 1 to 10,000, got " + batchSize);
        }
        if (batchingWindow.isNegative() || batchingWindow.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("batchingWindow is 0 to 300 s, got " + batchingWindow);
        }
        if (maxRetryAttempts < 0 || maxRetryAttempts > 10_000) {
            throw new IllegalArgumentException("maxRetryAttempts is 0 to 10,000, got " + maxRetryAttempts);
        }
        if (maxRecordAge.compareTo(Duration.ofDays(7)) > 0 || maxRecordAge.isNegative() || maxRecordAge.isZero()) {
            throw new IllegalArgumentException("maxRecordAge is at most 7 days, got " + maxRecordAge);
        }
    }

    /** The same mapping with other retry limits, for tests that must see a poison record give up quickly. */
    public StreamMapping withRetries(int attempts, Duration maxAge) {
        return new StreamMapping(name, batchSize, batchingWindow, bisectOnError, attempts, maxAge,
                reportBatchItemFailures);
    }
}
