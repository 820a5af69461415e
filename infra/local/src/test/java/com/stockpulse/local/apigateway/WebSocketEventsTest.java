package com.stockpulse.local.apigateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.stockpulse.local.testing.JsonFields;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The events the emulator hands the route handlers carry the fields of AWS's example events (AWS docs, "WebSocket
 * API Lambda proxy integration"; the functions' test resources ws-*.json), named as there.
 */
class WebSocketEventsTest {

    private static final List<String> REQUEST_CONTEXT = List.of("routeKey", "eventType", "extendedRequestId",
            "requestTime", "messageDirection", "stage", "connectedAt", "requestTimeEpoch", "identity", "requestId",
            "domainName", "connectionId", "apiId");

    private final WebSocketEvents events = new WebSocketEvents("abc123", "live", "127.0.0.1:8081");
    private final LiveConnection connection = new LiveConnection("L0SM9cOFvHcCIhw=",
            Instant.parse("2026-12-04T10:00:00Z"), "127.0.0.1", "Mozilla/5.0",
            Map.of("Origin", List.of("http://localhost:8080"), "Host", List.of("127.0.0.1:8081")),
            Map.of("page", List.of("/products/sku-1")));

    private static JsonNode json(WebSocketEvents.RouteEvent event) {
        return JsonFields.parse(event.json());
    }

    @Test
    void connect_carriesHeadersQueryAndTheRequestContext() {
        JsonNode event = json(events.connect(connection));

        assertThat(JsonFields.names(event)).containsExactlyInAnyOrder("headers", "multiValueHeaders", "queryStringParameters",
                "multiValueQueryStringParameters", "requestContext", "isBase64Encoded");
        assertThat(JsonFields.names(event.get("requestContext"))).containsExactlyInAnyOrderElementsOf(REQUEST_CONTEXT);
        assertThat(JsonFields.names(event.get("requestContext").get("identity"))).containsExactlyInAnyOrder("userAgent", "sourceIp");
        assertThat(event.path("requestContext").path("eventType").asText()).isEqualTo("CONNECT");
        assertThat(event.path("queryStringParameters").path("page").asText()).isEqualTo("/products/sku-1");
        assertThat(event.path("headers").path("Origin").asText()).isEqualTo("http://localhost:8080");
        assertThat(event.path("requestContext").path("requestTime").asText())
                .matches("\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000");
    }

    @Test
    void message_carriesTheBodyAndAMessageId() {
        JsonNode event = json(events.message(connection, "sync", "{\"action\":\"sync\"}"));

        assertThat(JsonFields.names(event)).containsExactlyInAnyOrder("requestContext", "body", "isBase64Encoded");
        List<String> context = new ArrayList<>(REQUEST_CONTEXT);
        context.add("messageId");
        assertThat(JsonFields.names(event.get("requestContext"))).containsExactlyInAnyOrderElementsOf(context);
        assertThat(event.path("requestContext").path("routeKey").asText()).isEqualTo("sync");
        assertThat(event.path("body").asText()).isEqualTo("{\"action\":\"sync\"}");
    }

    @Test
    void disconnect_carriesTheCloseCodeAndReasonInTheRequestContext_andNoBody() {
        JsonNode event = json(events.disconnect(connection, 1001, "Going away"));

        assertThat(JsonFields.names(event)).containsExactlyInAnyOrder("headers", "multiValueHeaders", "requestContext",
                "isBase64Encoded");
        List<String> context = new ArrayList<>(REQUEST_CONTEXT);
        context.addAll(List.of("disconnectStatusCode", "disconnectReason"));
        assertThat(JsonFields.names(event.get("requestContext"))).containsExactlyInAnyOrderElementsOf(context);
        assertThat(event.path("requestContext").path("disconnectStatusCode").asInt()).isEqualTo(1001);
        assertThat(event.path("requestContext").path("disconnectReason").asText()).isEqualTo("Going away");
    }
}
