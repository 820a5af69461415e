/**
 * The local runtime's web pages and ops endpoint: {@link LocalWebServer} serves {@code web-demo/} as S3 and CloudFront
 * do on AWS (page paths by shared-model's {@code PageRoute}, the rules the stack's CloudFront function applies) and
 * {@code /config.json}, which tells the pages where the WebSocket API is. {@link OpsApi} is the ops console's endpoint,
 * which exists only locally and answers only on loopback: it puts events on the stream, tells what became of one,
 * closes every socket on demand and reports the runtime's figures ({@code JvmFigures} among them, for soaks).
 */
package com.stockpulse.local.web;
