package com.stockpulse.functions.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.stockpulse.functions.metrics.Metrics;
import com.stockpulse.functions.store.Connection;
import com.stockpulse.functions.store.ConnectionStore;
import com.stockpulse.functions.store.memory.InMemoryConnectionStore;
import com.stockpulse.functions.testing.Fixtures;
import com.stockpulse.functions.testing.Unavailable;
import com.stockpulse.functions.viewer.ConnectionRegistry;
import com.stockpulse.model.AllowedOrigins;
import com.stockpulse.model.PageKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DisconnectHandlerTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:15:30Z");
    private static final PageKey PAGE = PageKey.product("sku-123");

    private final InMemoryConnectionStore store = new InMemoryConnectionStore();

    private static DisconnectHandler handlerOn(ConnectionStore store) {
        return new DisconnectHandler(new ConnectionRegistry(store, Duration.ofHours(2), AllowedOrigins.any(), Metrics.NONE, Clock.systemUTC()), Invocations.PLAIN);
    }

    @Test
    void handleRequest_removesThatConnectionOnly_andASecondCallIsFine() {
        store.add(new Connection("L0SM9cOFvHcCIhw=", PAGE, NOW, NOW.plusSeconds(7200)));
        store.add(new Connection("other", PAGE, NOW, NOW.plusSeconds(7200)));
        DisconnectHandler handler = handlerOn(store);
        APIGatewayV2WebSocketEvent event = Fixtures.webSocket("ws-disconnect.json");

        assertThat(handler.handleRequest(event, null).getStatusCode()).isEqualTo(200);
        assertThat(handler.handleRequest(event, null).getStatusCode()).isEqualTo(200);

        assertThat(store.pagesOf("L0SM9cOFvHcCIhw=")).isEmpty();
        assertThat(store.connectionsOn(PAGE, NOW)).containsExactly("other");
    }

    @Test
    void handleRequest_whenConnectionIsUnknown_answers200() {
        assertThat(handlerOn(store).handleRequest(Fixtures.webSocket("ws-disconnect.json"), null).getStatusCode())
                .isEqualTo(200);
    }

    @Test
    void handleRequest_whenNoConnectionId_answers400WithoutThrowing() {
        APIGatewayV2WebSocketEvent event = Fixtures.webSocket("ws-disconnect.json");
        event.getRequestContext().setConnectionId(null);

        assertThat(handlerOn(store).handleRequest(event, null).getStatusCode()).isEqualTo(400);
        assertThat(handlerOn(store).handleRequest(null, null).getStatusCode()).isEqualTo(400);
    }

    @Test
    void handleRequest_whenStoreIsUnavailable_answers500WithoutThrowing() {
        assertThat(handlerOn(Unavailable.connectionStore())
                .handleRequest(Fixtures.webSocket("ws-disconnect.json"), null).getStatusCode()).isEqualTo(500);
    }
}
