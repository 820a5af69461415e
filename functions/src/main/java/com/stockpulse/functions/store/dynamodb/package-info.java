/**
 * The {@code store} interfaces on DynamoDB, the only code of the functions that reads or writes items:
 * {@link DynamoDbStockStore} (a commit is one TransactWriteItems), {@link DynamoDbConnectionStore} (two rows per
 * connection; the fan-out Queries, nothing Scans) and {@link DynamoDbCatalogStore}. SDK exceptions become the
 * store's temporary or permanent failures where they arrive. {@link TableDefinitions} turns shared-model's
 * {@code TableSchema} into CreateTable requests for DynamoDB Local (the local runtime and the tests), as the stack
 * builds its tables from the same schema. The keys, and why they are what they are: functions/STORAGE.md.
 */
package com.stockpulse.functions.store.dynamodb;
