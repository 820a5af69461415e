/**
 * The five Lambda handlers, one per function: {@link ConnectHandler}, {@link DisconnectHandler} and
 * {@link MessageHandler} for the WebSocket API's routes ($connect, $disconnect, $default and sync, each invocation
 * framed alike by {@link WebSocketHandler}), {@link SaleEventConsumer} for the Kinesis sale-events stream and
 * {@link StockFanOutHandler} for the stock table's stream. They are thin: parse the event, delegate to {@code viewer},
 * {@code sales} or {@code broadcast}, answer in the shape Lambda and API Gateway expect, so that what is decided is
 * tested without Lambda's event types. Their no-argument constructors take the real objects from {@code Wiring}; the
 * local runtime invokes the same classes unchanged.
 */
package com.stockpulse.functions.handler;
