package com.stockpulse.functions.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.stockpulse.functions.messaging.InMemoryConnectionMessenger;
import com.stockpulse.functions.metrics.CountingMetrics;
import com.stockpulse.functions.sales.StockApplier;
import com.stockpulse.functions.store.Connection;
import com.stockpulse.functions.store.PageDirectory;
import com.stockpulse.functions.store.StockStore;
import com.stockpulse.functions.store.memory.InMemoryCatalogStore;
import com.stockpulse.functions.store.memory.InMemoryConnectionStore;
import com.stockpulse.functions.store.memory.InMemoryStockStore;
import com.stockpulse.functions.testing.Fixtures;
import com.stockpulse.functions.testing.MutableClock;
import com.stockpulse.functions.testing.Unavailable;
import com.stockpulse.functions.viewer.MessageRateLimiter;
import com.stockpulse.functions.viewer.ViewerRequests;
import com.stockpulse.model.EventType;
import com.stockpulse.model.Json;
import com.stockpulse.model.Limits;
import com.stockpulse.model.MetricName;
import com.stockpulse.model.PageKey;
import com.stockpulse.model.SaleEvent;
import com.stockpulse.model.StockLevel;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageHandlerTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:15:30Z");
    private static final String ME = "L0SM9cOFvHcCIhw=";
    private static final String NEIGHBOUR = "neighbour";

    private final InMemoryConnectionStore connections = new InMemoryConnectionStore();
    private final InMemoryCatalogStore catalog = new InMemoryCatalogStore();
    private final InMemoryStockStore stock = new InMemoryStockStore();
    private final InMemoryConnectionMessenger messenger = InMemoryConnectionMessenger.create();
    private final MutableClock clock = new MutableClock(NOW);
    private final MessageRateLimiter limiter = new MessageRateLimiter(10, 20, clock);
    private final CountingMetrics metrics = new CountingMetrics();

    @BeforeEach
    void seed() {
        new StockApplier(stock, java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC)).apply(new SaleEvent("s1", EventType.SET, "sku-123", 7, NOW, "test"));
        new StockApplier(stock, java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC)).apply(new SaleEvent("s2", EventType.SET, "sku-456", 0, NOW, "test"));
        catalog.register(PageKey.collection("summer"), "sku-123");
        catalog.register(PageKey.collection("summer"), "sku-456");
        connections.add(new Connection(NEIGHBOUR, PageKey.product("sku-123"), NOW, NOW.plusSeconds(7200)));
    }

    private MessageHandler handler(StockStore stockStore) {
        return new MessageHandler(new ViewerRequests(connections, new PageDirectory(catalog), stockStore, messenger,
                limiter, metrics), Invocations.PLAIN);
    }

    private void connect(String page) {
        connections.add(new Connection(ME, PageKey.parse(page), NOW, NOW.plusSeconds(7200)));
    }

    private List<JsonNode> send(String body) {
        return sendAs(ME, body);
    }

    private List<JsonNode> sendAs(String connectionId, String body) {
        APIGatewayV2WebSocketEvent event = Fixtures.webSocket("ws-message-sync.json");
        event.getRequestContext().setConnectionId(connectionId);
        event.setBody(body);
        assertThat(handler(stock).handleRequest(event, null).getStatusCode()).isEqualTo(200);
        return received(connectionId);
    }

    private List<JsonNode> received(String connectionId) {
        return messenger.messagesTo(connectionId).stream().map(MessageHandlerTest::parse).toList();
    }

    private static JsonNode parse(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    @Test
    void aBurstPastTheLimit_getsOneErrorThenNothing_andANeighbourIsStillAnswered() {
        connect("/products/sku-123");
        String ping = "{\"action\":\"ping\"}";

        for (int i = 0; i < 25; i++) {
            send(ping);
        }
        List<JsonNode> neighbours = sendAs(NEIGHBOUR, ping);

        List<JsonNode> mine = received(ME);
        assertThat(mine).hasSize(21);
        assertThat(mine.subList(0, 20)).allSatisfy(answer -> assertThat(answer.path("type").asText()).isEqualTo("pong"));
        assertThat(mine.get(20).path("type").asText()).isEqualTo("error");
        assertThat(mine.get(20).path("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(neighbours).singleElement().satisfies(answer -> assertThat(answer.path("type").asText()).isEqualTo("pong"));
        assertThat(messenger.isGone(ME)).isFalse();
    }

    @Test
    void aClientThatSlowsDown_isAnsweredAgain() {
        connect("/products/sku-123");
        String ping = "{\"action\":\"ping\"}";
        for (int i = 0; i < 21; i++) {
            send(ping);
        }

        clock.advance(java.time.Duration.ofMillis(500));
        send(ping);

        List<JsonNode> mine = received(ME);
        assertThat(mine).hasSize(22);
        assertThat(mine.getLast().path("type").asText()).isEqualTo("pong");
    }

    @Test
    void aClientThatIgnoresTheError_isClosedAndItsRowsGo() {
        connect("/products/sku-123");
        String sync = "{\"action\":\"sync\"}";

        for (int i = 0; i < 20 + MessageRateLimiter.CLOSE_AFTER + 5; i++) {
            send(sync);
        }

        assertThat(messenger.isGone(ME)).isTrue();
        assertThat(connections.pagesOf(ME)).isEmpty();
        assertThat(metrics.total(MetricName.SOCKETS_CLOSED_ABUSIVE)).isEqualTo(1);
        assertThat(metrics.total(MetricName.MESSAGES_RATE_LIMITED)).isEqualTo(MessageRateLimiter.CLOSE_AFTER + 5);
        assertThat(metrics.total(MetricName.SYNCS)).isEqualTo(20);
        assertThat(received(ME)).hasSize(21);
        assertThat(connections.pagesOf(NEIGHBOUR)).containsExactly(PageKey.product("sku-123"));
    }

    @Test
    void sync_whenItNamesItsPage_answersWithoutReadingTheConnectionRows() {
        // No connection rows at all: the answer can only come from the named page.
        List<JsonNode> answers = send("{\"action\":\"sync\",\"page\":\"/products/sku-123\"}");

        assertThat(answers).singleElement().satisfies(snapshot -> {
            assertThat(snapshot.path("type").asText()).isEqualTo("snapshot");
            assertThat(snapshot.path("items").get(0).path("available").asLong()).isEqualTo(7);
        });
    }

    @Test
    void sync_onProductPage_postsSnapshotToTheSenderOnly() {
        connect("/products/sku-123");

        List<JsonNode> answers = handlerAnswers(Fixtures.webSocket("ws-message-sync.json"));

        assertThat(answers).hasSize(1);
        JsonNode snapshot = answers.getFirst();
        assertThat(snapshot.get("type").asText()).isEqualTo("snapshot");
        assertThat(snapshot.get("page").asText()).isEqualTo("/products/sku-123");
        assertThat(snapshot.get("items")).hasSize(1);
        assertThat(snapshot.get("items").get(0).get("available").asLong()).isEqualTo(7);
        assertThat(snapshot.get("items").get(0).get("version").asLong()).isEqualTo(StockLevel.firstVersion(NOW));
        assertThat(received(NEIGHBOUR)).isEmpty();
    }

    private List<JsonNode> handlerAnswers(APIGatewayV2WebSocketEvent event) {
        assertThat(handler(stock).handleRequest(event, null).getStatusCode()).isEqualTo(200);
        return received(ME);
    }

    @Test
    void sync_onListingPage_postsEveryRegisteredSku() {
        connect("/collections/summer");

        JsonNode snapshot = send("{\"action\":\"sync\"}").getFirst();

        assertThat(snapshot.get("items")).extracting(item -> item.get("sku").asText()).containsExactly("sku-123", "sku-456");
    }

    @Test
    void sync_onAListingOfTwoThousandSkus_postsNumberedPartsThatEachFitAndHoldEverySku() {
        StockApplier applier = new StockApplier(stock, java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC));
        for (int i = 0; i < 2_000; i++) {
            applier.apply(new SaleEvent("big-" + i, EventType.SET, "sku-big-" + i, i, NOW, "test"));
            catalog.register(PageKey.collection("everything"), "sku-big-" + i);
        }
        connect("/collections/everything");

        List<JsonNode> parts = send("{\"action\":\"sync\",\"page\":\"/collections/everything\"}");

        // The twin answers 413 to a post over 128 KB, as API Gateway does: every part was delivered.
        assertThat(parts).hasSizeGreaterThan(1).allSatisfy(part -> {
            assertThat(part.get("type").asText()).isEqualTo("snapshot");
            assertThat(part.get("parts").asInt()).isEqualTo(parts.size());
        });
        assertThat(parts).extracting(part -> part.get("part").asInt())
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, parts.size()).boxed().toList());
        assertThat(parts.stream().mapToInt(part -> part.get("items").size()).sum()).isEqualTo(2_000);
    }

    @Test
    void ping_answersPong() {
        connect("/products/sku-123");

        assertThat(send("{\"action\":\"ping\"}")).extracting(JsonNode::toString).containsExactly("{\"type\":\"pong\"}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed JSON   | {"action":       | MALFORMED_JSON
            not an object    | [1,2,3]          | MALFORMED_JSON
            no action        | {"sku":"x"}      | MISSING_FIELD
            action a number  | {"action":7}     | INVALID_FIELD
            unknown action   | {"action":"buy"} | UNKNOWN_VALUE
            """)
    void badFrame_getsAnErrorToTheSenderOnly(String caseName, String body, String code) {
        connect("/products/sku-123");

        List<JsonNode> answers = send(body);

        assertThat(answers).hasSize(1);
        assertThat(answers.getFirst().get("type").asText()).isEqualTo("error");
        assertThat(answers.getFirst().get("code").asText()).isEqualTo(code);
        assertThat(answers.getFirst().get("message").asText()).isNotBlank();
        assertThat(received(NEIGHBOUR)).isEmpty();
        assertThat(stock.get("sku-123")).get().extracting(level -> level.version()).isEqualTo(StockLevel.firstVersion(NOW));
    }

    @Test
    void emptyOrOversizeFrame_getsAnError() {
        connect("/products/sku-123");

        assertThat(send(null).getLast().get("code").asText()).isEqualTo("MALFORMED_JSON");
        assertThat(send("{\"action\":\"sync\",\"pad\":\"" + "x".repeat(Limits.MAX_CLIENT_MESSAGE_BYTES) + "\"}")
                .getLast().get("code").asText()).isEqualTo("TOO_LARGE");
    }

    @Test
    void sync_onProductWithoutStock_getsUnknownPage() {
        connect("/products/sku-nobody-sells");

        assertThat(send("{\"action\":\"sync\"}").getFirst().get("code").asText()).isEqualTo("UNKNOWN_PAGE");
    }

    @Test
    void sync_fromUnregisteredConnection_getsNotConnected() {
        assertThat(send("{\"action\":\"sync\"}").getFirst().get("code").asText()).isEqualTo("NOT_CONNECTED");
    }

    @Test
    void sync_whenAStockRowCannotBeRead_isAnsweredWithAnError_notLeftUnanswered() {
        connect("/products/sku-123");
        StockStore damaged = Unavailable.stockStoreFailingWith(() -> new com.stockpulse.functions.store.StoreFailedException(
                "the stock row of 'sku-123' is not a valid stock level", null));

        handler(damaged).handleRequest(Fixtures.webSocket("ws-message-sync.json"), null);

        assertThat(received(ME)).singleElement().satisfies(answer ->
                assertThat(answer.get("code").asText()).isEqualTo("UNAVAILABLE"));
    }

    @Test
    void sync_whenStockIsUnavailable_getsUnavailableWithoutThrowing() {
        connect("/products/sku-123");

        handler(Unavailable.stockStore()).handleRequest(Fixtures.webSocket("ws-message-sync.json"), null);

        assertThat(received(ME).getFirst().get("code").asText()).isEqualTo("UNAVAILABLE");
    }

    @Test
    void sync_whenSenderIsAlreadyGone_removesItsRows() {
        connect("/products/sku-123");
        messenger.markGone(ME);

        handler(stock).handleRequest(Fixtures.webSocket("ws-message-sync.json"), null);

        assertThat(connections.pagesOf(ME)).isEmpty();
        assertThat(connections.pagesOf(NEIGHBOUR)).isNotEmpty();
    }

    @Test
    void handleRequest_whenNoConnectionId_answers400AndPostsNothing() {
        APIGatewayV2WebSocketEvent event = Fixtures.webSocket("ws-message-sync.json");
        event.getRequestContext().setConnectionId(null);

        assertThat(handler(stock).handleRequest(event, null).getStatusCode()).isEqualTo(400);
        assertThat(handler(stock).handleRequest(null, null).getStatusCode()).isEqualTo(400);
        assertThat(messenger.calls()).isZero();
    }
}
