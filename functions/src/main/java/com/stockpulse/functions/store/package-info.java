/**
 * What the functions keep, as interfaces: {@link StockStore} (stock rows and the record of decided events, written
 * together as one {@link StockCommit}), {@link BroadcastLedger} (each SKU's {@link BroadcastProgress}),
 * {@link ConnectionStore} (who watches which page, as {@link Connection}s) and {@link CatalogStore} (which listings
 * show which SKUs), with {@link PageDirectory} on top of the catalog. Failures are {@link StoreUnavailableException}
 * (temporary: retry) or {@link StoreFailedException} (permanent: report). No AWS SDK here: the DynamoDB
 * implementations are in {@code dynamodb}, and the in-memory twins live in the test sources ({@code store.memory}),
 * so the logic's tests need no database and the Lambda jar does not carry them.
 */
package com.stockpulse.functions.store;
