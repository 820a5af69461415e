/**
 * Sales in: from a batch of records of the Kinesis sale-events stream to the stock table. {@link StockApplier} decides
 * each SKU's events in shard order against one read of its row ({@code SkuBatch}: sales while units last, restocks
 * add, sets replace) and writes them with one conditional commit, so a hot SKU costs one write per batch and each
 * {@code eventId} is applied exactly once. A malformed {@link SaleRecord} is kept and skipped, never blocking the
 * shard. The outcome is a {@link BatchReport}, whose first undecided record the consumer reports as its partial batch
 * failure. Called by {@code SaleEventConsumer}; it reaches DynamoDB only through the {@code store} interfaces, so its
 * tests run on the in-memory stores.
 */
package com.stockpulse.functions.sales;
