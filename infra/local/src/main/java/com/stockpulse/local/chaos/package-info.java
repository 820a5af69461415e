/**
 * The faults AWS has, on purpose: {@link Chaos} parses {@code stockpulse local --chaos ...} (PostToConnection answering
 * 500 or 429, sockets cut without a close frame, consumer or fan-out invocations dying mid-batch) and counts each fault
 * it injects, so a run can say what it survived. Off unless asked for. The WebSocket API emulator rolls it for each
 * post and socket, and the runtime wraps the two stream functions in it; the functions are never told, so what a
 * chaos run tests is their unchanged handling.
 */
package com.stockpulse.local.chaos;
