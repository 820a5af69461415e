package com.stockpulse.local.apigateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds the events API Gateway sends to the route handlers, field by field as AWS fills them. */
final class WebSocketEvents {

    private final String apiId;
    private final String stage;
    private final String domainName;

    WebSocketEvents(String apiId, String stage, String domainName) {
        this.apiId = apiId;
        this.stage = stage;
        this.domainName = domainName;
    }

    APIGatewayV2WebSocketEvent connect(LiveConnection connection) {
        APIGatewayV2WebSocketEvent event = base(connection, "$connect", "CONNECT");
        Map<String, String> headers = new HashMap<>();
        connection.headers.forEach((name, values) -> headers.put(name, String.join(",", values)));
        event.setHeaders(headers);
        event.setMultiValueHeaders(Map.copyOf(connection.headers));
        if (!connection.query.isEmpty()) {
            Map<String, String> single = new HashMap<>();
            connection.query.forEach((name, values) -> single.put(name, values.getLast()));
            event.setQueryStringParameters(single);
            event.setMultiValueQueryStringParameters(Map.copyOf(connection.query));
        }
        return event;
    }

    APIGatewayV2WebSocketEvent message(LiveConnection connection, String routeKey, String body) {
        APIGatewayV2WebSocketEvent event = base(connection, routeKey, "MESSAGE");
        event.getRequestContext().setMessageId(UUID.randomUUID().toString());
        event.setBody(body);
        return event;
    }

    APIGatewayV2WebSocketEvent disconnect(LiveConnection connection, int statusCode, String reason) {
        APIGatewayV2WebSocketEvent event = base(connection, "$disconnect", "DISCONNECT");
        event.setHeaders(Map.of("Host", domainName));
        event.setMultiValueHeaders(Map.of("Host", List.of(domainName)));
        event.setBody(statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason));
        return event;
    }

    private APIGatewayV2WebSocketEvent base(LiveConnection connection, String routeKey, String eventType) {
        Instant now = Instant.now();
        APIGatewayV2WebSocketEvent.RequestIdentity identity = new APIGatewayV2WebSocketEvent.RequestIdentity();
        identity.setSourceIp(connection.sourceIp);
        identity.setUserAgent(connection.userAgent);
        APIGatewayV2WebSocketEvent.RequestContext context = new APIGatewayV2WebSocketEvent.RequestContext();
        context.setRouteKey(routeKey);
        context.setEventType(eventType);
        context.setConnectionId(connection.connectionId);
        context.setConnectedAt(connection.connectedAt.toEpochMilli());
        context.setRequestTimeEpoch(now.toEpochMilli());
        context.setRequestId(UUID.randomUUID().toString());
        context.setExtendedRequestId(context.getRequestId());
        context.setMessageDirection("IN");
        context.setStage(stage);
        context.setDomainName(domainName);
        context.setApiId(apiId);
        context.setIdentity(identity);
        APIGatewayV2WebSocketEvent event = new APIGatewayV2WebSocketEvent();
        event.setRequestContext(context);
        event.setIsBase64Encoded(false);
        return event;
    }
}
