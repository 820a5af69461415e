/**
 * Viewers' sockets, behind the three WebSocket routes. {@link ConnectionRegistry} opens and closes connections
 * ($connect, refused with {@link OriginNotAllowedException} for an origin not on the allow-list, and $disconnect);
 * {@link ViewerRequests} answers what a browser sends after that (sync gets a snapshot, ping gets pong, anything else
 * an error), to the sender only and within each socket's {@link MessageRateLimiter}. Called by the connect,
 * disconnect and message handlers; it works through the {@code store} and {@code messaging} interfaces, never the SDK.
 */
package com.stockpulse.functions.viewer;
