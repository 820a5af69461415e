/**
 * What more than one module must agree on, declared once: the wire records (a {@link SaleEvent} on Kinesis, a
 * {@link StockLevel} in the stock table, the {@link ClientRequest} a browser sends and the {@link ServerMessage}s it is
 * sent) and their {@link Limits}, the one {@link Json} mapper, {@link Sku} and {@link PageKey} with errors that name
 * the field, and the declarations of tables, settings, mappings, access and metrics ({@link TableSchema},
 * {@link FunctionSetting}, {@link StreamMapping}, {@link FunctionAccess}, {@link MetricName}) and page routes
 * ({@link PageRoute}). The functions, the stack, the local runtime and the CLI all depend on it, so it depends on
 * Jackson alone: no AWS SDK, no Lambda library.
 */
package com.stockpulse.model;
