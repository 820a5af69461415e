/**
 * Broadcast out: from the stock table's stream to every viewer of the pages that show the changed SKUs.
 * {@link StockFanOut} takes a batch of {@link StockChange}s, keeps only the newest version per SKU, finds the viewers
 * through the {@code store} interfaces and posts the same bytes to each through a {@code ConnectionMessenger}, within
 * the {@link PostBudget} of posts per second that API Gateway's account quota leaves it ({@link FanOutSettings}).
 * A broadcast that outlasts the invocation's deadline is carried on by the next one, never failed for its size; what
 * each did is a {@link FanOutReport}. {@code StockFanOutHandler} calls it; {@link Ticker} lets the flash-sale
 * simulation run it on simulated time. No AWS SDK here: the stores and the messenger hide it.
 */
package com.stockpulse.functions.broadcast;
