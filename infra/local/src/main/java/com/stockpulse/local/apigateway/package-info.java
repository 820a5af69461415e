/**
 * The API Gateway WebSocket API, emulated for the local runtime: {@link WebSocketApiEmulator} serves browsers' sockets
 * ({@link SocketEndpoint}) and the {@code @connections} Management API on one port, for the unchanged handlers and SDK
 * client. It behaves as AWS documents: $connect before the upgrade, messages routed by {@code $request.body.action}
 * ({@link WebSocketRoutes}), events in the JSON AWS sends, SigV4 required on {@code @connections}, 410, 413 and 429
 * where API Gateway answers them, and API Gateway's quotas and timeouts ({@link EmulatorSettings}). Code in this JVM
 * (the fan-out) posts through its in-process {@code ConnectionMessenger}, without HTTP.
 */
package com.stockpulse.local.apigateway;
