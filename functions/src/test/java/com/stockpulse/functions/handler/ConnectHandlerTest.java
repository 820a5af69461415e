package com.stockpulse.functions.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.stockpulse.functions.metrics.CountingMetrics;
import com.stockpulse.functions.store.ConnectionStore;
import com.stockpulse.functions.store.memory.InMemoryConnectionStore;
import com.stockpulse.functions.testing.Fixtures;
import com.stockpulse.functions.testing.Unavailable;
import com.stockpulse.functions.viewer.ConnectionRegistry;
import com.stockpulse.model.AllowedOrigins;
import com.stockpulse.model.MetricName;
import com.stockpulse.model.PageKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectHandlerTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:15:30Z");
    private static final Duration TTL = Duration.ofHours(2).plusMinutes(10);
    private static final CountingMetrics METRICS = new CountingMetrics();
    private static final AllowedOrigins SHOP = AllowedOrigins.parse("https://shop.example, http://localhost:8080");

    private final InMemoryConnectionStore store = new InMemoryConnectionStore();
    private final ConnectHandler handler = handlerOn(store);

    private static ConnectHandler handlerOn(ConnectionStore store) {
        return new ConnectHandler(new ConnectionRegistry(store, TTL, SHOP, METRICS, Clock.fixed(NOW, ZoneOffset.UTC)), Invocations.PLAIN);
    }

    @Test
    void handleRequest_whenPageIsValid_storesConnectionUnderNormalizedPageWithTtl() {
        APIGatewayV2WebSocketEvent event = Fixtures.webSocket("ws-connect.json");
        event.getQueryStringParameters().put("page", "/Products/SKU-123/");

        APIGatewayV2WebSocketResponse response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(store.pagesOf("L0SM9cOFvHcCIhw=")).containsExactly(PageKey.product("sku-123"));
        assertThat(store.connectionsOn(PageKey.product("sku-123"), NOW.plus(TTL).minusSeconds(1))).hasSize(1);
        assertThat(store.connectionsOn(PageKey.product("sku-123"), NOW.plus(TTL))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://shop.example", "HTTPS://Shop.Example", "https://shop.example:443", "http://localhost:8080"})
    void handleRequest_fromAnAllowedOrigin_connects(String origin) {
        APIGatewayV2WebSocketEvent event = Fixtures.webSocket("ws-connect.json");
        event.setHeaders(new HashMap<>(Map.of("origin", origin)));

        assertThat(handler.handleRequest(event, null).getStatusCode()).isEqualTo(200);
        assertThat(store.pagesOf("L0SM9cOFvHcCIhw=")).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example", "https://shop.example.evil.example", "http://shop.example",
            "http://localhost:9090", "null", "not an origin", "https://shop.example/path"})
    void handleRequest_fromAnotherOrigin_answers403AndStoresNothing(String origin) {
        APIGatewayV2WebSocketEvent event = Fixtures.webSocket("ws-connect.json");
        event.setHeaders(new HashMap<>(Map.of("Origin", origin)));

        double refusedBefore = METRICS.total(MetricName.CONNECTS_REFUSED_ORIGIN);

        APIGatewayV2WebSocketResponse response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(response.getBody()).contains("may not connect");
        assertThat(METRICS.total(MetricName.CONNECTS_REFUSED_ORIGIN)).isEqualTo(refusedBefore + 1);
        assertThat(store.pagesOf("L0SM9cOFvHcCIhw=")).isEmpty();
    }

    @Test
    void handleRequest_withoutOrigin_connects_becauseOnlyBrowsersSendOne() {
        APIGatewayV2WebSocketEvent event = Fixtures.webSocket("ws-connect.json");
        event.setHeaders(null);

        assertThat(handler.handleRequest(event, null).getStatusCode()).isEqualTo(200);
    }

    @Test
    void handleRequest_whenTheOriginNamesTheApiItself_connects_asPythonsWebsocketClientSendsByDefault() {
        APIGatewayV2WebSocketEvent event = Fixtures.webSocket("ws-connect.json");
        event.getHeaders().put("Origin", "https://" + event.getHeaders().get("Host"));

        assertThat(handler.handleRequest(event, null).getStatusCode()).isEqualTo(200);
    }

    @Test
    void handleRequest_whenNoQueryString_answers400AndStoresNothing() {
        APIGatewayV2WebSocketEvent event = Fixtures.webSocket("ws-connect.json");
        event.setQueryStringParameters(null);

        APIGatewayV2WebSocketResponse response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).contains("page");
        assertThat(store.pagesOf("L0SM9cOFvHcCIhw=")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "products/sku-1", "/admin", "/products/../etc", "/products/a b", "/cart/sku-1"})
    void handleRequest_whenPageIsInvalid_answers400SayingWhyAndStoresNothing(String page) {
        APIGatewayV2WebSocketEvent event = Fixtures.webSocket("ws-connect.json");
        event.setQueryStringParameters(new HashMap<>(Map.of("page", page)));

        APIGatewayV2WebSocketResponse response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).startsWith("page: ");
        assertThat(store.pagesOf("L0SM9cOFvHcCIhw=")).isEmpty();
    }

    @Test
    void handleRequest_whenPageIsOverLong_answers400() {
        APIGatewayV2WebSocketEvent event = Fixtures.webSocket("ws-connect.json");
        event.setQueryStringParameters(new HashMap<>(Map.of("page", "/products/" + "a".repeat(10_000))));

        assertThat(handler.handleRequest(event, null).getStatusCode()).isEqualTo(400);
    }

    @Test
    void handleRequest_whenEventHasNoRequestContextOrIsNull_answers400() {
        APIGatewayV2WebSocketEvent event = Fixtures.webSocket("ws-connect.json");
        event.setRequestContext(null);

        assertThat(handler.handleRequest(event, null).getStatusCode()).isEqualTo(400);
        assertThat(handler.handleRequest(null, null).getStatusCode()).isEqualTo(400);
    }

    @Test
    void handleRequest_whenStoreIsUnavailable_answers503WithoutThrowing() {
        ConnectHandler unavailable = handlerOn(Unavailable.connectionStore());

        APIGatewayV2WebSocketResponse response = unavailable.handleRequest(Fixtures.webSocket("ws-connect.json"), null);

        assertThat(response.getStatusCode()).isEqualTo(503);
    }
}
