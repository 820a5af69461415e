package com.stockpulse.local.apigateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.stockpulse.model.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Builds the events API Gateway sends to the route handlers, as the JSON AWS sends (AWS docs, "WebSocket API
 * Lambda proxy integration" example events), field by field: the handlers read these bytes through the Lambda
 * runtime's serializer, which leaves a field it does not find null, so a misnamed one here would hide a bug.
 */
final class WebSocketEvents {

    /** An event for a route: its JSON, and the ids the emulator needs to answer for it. */
    record RouteEvent(String connectionId, String requestId, byte[] json) {
    }

    /** API Gateway's {@code requestTime}: the access log's format, in English. */
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final String apiId;
    private final String stage;
    private final String domainName;

    WebSocketEvents(String apiId, String stage, String domainName) {
        this.apiId = apiId;
        this.stage = stage;
        this.domainName = domainName;
    }

    RouteEvent connect(LiveConnection connection) {
        ObjectNode event = Json.mapper().createObjectNode();
        ObjectNode headers = event.putObject("headers");
        connection.headers.forEach((name, values) -> headers.put(name, String.join(",", values)));
        event.set("multiValueHeaders", Json.mapper().valueToTree(connection.headers));
        if (!connection.query.isEmpty()) {
            ObjectNode single = event.putObject("queryStringParameters");
            connection.query.forEach((name, values) -> single.put(name, values.getLast()));
            event.set("multiValueQueryStringParameters", Json.mapper().valueToTree(connection.query));
        }
        return new RouteEvent(connection.connectionId, fill(event, connection, "$connect", "CONNECT", null), bytes(event));
    }

    RouteEvent message(LiveConnection connection, String routeKey, String body) {
        ObjectNode event = Json.mapper().createObjectNode();
        return new RouteEvent(connection.connectionId, fill(event, connection, routeKey, "MESSAGE", body), bytes(event));
    }

    /** With the close's code and reason in {@code requestContext}, as API Gateway sends them; no body. */
    RouteEvent disconnect(LiveConnection connection, int statusCode, String reason) {
        ObjectNode event = Json.mapper().createObjectNode();
        event.putObject("headers").put("Host", domainName);
        event.set("multiValueHeaders", Json.mapper().valueToTree(Map.of("Host", List.of(domainName))));
        String requestId = fill(event, connection, "$disconnect", "DISCONNECT", null);
        ObjectNode context = (ObjectNode) event.get("requestContext");
        context.put("disconnectStatusCode", statusCode);
        context.put("disconnectReason", reason == null ? "" : reason);
        return new RouteEvent(connection.connectionId, requestId, bytes(event));
    }

    /** Adds the request context, the body and the encoding flag every route's event has; returns the request id. */
    private String fill(ObjectNode event, LiveConnection connection, String routeKey, String eventType, String body) {
        Instant now = Instant.now();
        String requestId = UUID.randomUUID().toString();
        ObjectNode context = event.putObject("requestContext");
        context.put("routeKey", routeKey);
        if (eventType.equals("MESSAGE")) {
            context.put("messageId", UUID.randomUUID().toString());
        }
        context.put("eventType", eventType);
        context.put("extendedRequestId", requestId);
        context.put("requestTime", REQUEST_TIME.format(now));
        context.put("messageDirection", "IN");
        context.put("stage", stage);
        context.put("connectedAt", connection.connectedAt.toEpochMilli());
        context.put("requestTimeEpoch", now.toEpochMilli());
        ObjectNode identity = context.putObject("identity");
        identity.put("userAgent", connection.userAgent);
        identity.put("sourceIp", connection.sourceIp);
        context.put("requestId", requestId);
        context.put("domainName", domainName);
        context.put("connectionId", connection.connectionId);
        context.put("apiId", apiId);
        if (body != null) {
            event.put("body", body);
        }
        event.put("isBase64Encoded", false);
        return requestId;
    }

    private static byte[] bytes(ObjectNode event) {
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }
}
