package com.stockpulse.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.stockpulse.local.runtime.LocalRuntime;
import com.stockpulse.local.runtime.LocalSettings;
import com.stockpulse.local.testing.Eventually;
import com.stockpulse.local.testing.StreamProbe;
import com.stockpulse.local.testing.TestStacks;
import com.stockpulse.model.Json;
import com.stockpulse.model.StockLevel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import static org.assertj.core.api.Assertions.assertThat;

/** The ops console's endpoint on the running embedded stack. */
class OpsApiE2ET {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dataDir;

    private static LocalRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = LocalRuntime.start(TestStacks.settings(dataDir));
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    private static HttpResponse<String> post(String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(runtime.webUrl().resolve("/ops/api/events"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode outcome(String eventId) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                runtime.webUrl().resolve("/ops/api/events/" + eventId)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return Json.mapper().readTree(response.body());
    }

    private static JsonNode awaitOutcome(String eventId) throws Exception {
        JsonNode[] last = {null};
        Eventually.await("outcome of " + eventId, Duration.ofSeconds(15), () -> {
            try {
                last[0] = outcome(eventId);
                return !last[0].path("outcome").asText().equals("PENDING");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return last[0];
    }

    @Test
    void validSale_isPutOnTheStreamAndReportedApplied() throws Exception {
        HttpResponse<String> response = post("{\"type\":\"SALE\",\"sku\":\"sku-105\",\"quantity\":2}");

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode accepted = Json.mapper().readTree(response.body());
        assertThat(accepted.path("accepted").asBoolean()).isTrue();
        assertThat(accepted.path("sequenceNumber").asText()).isNotBlank();
        assertThat(accepted.path("shardId").asText()).startsWith("shardId-");
        assertThat(awaitOutcome(accepted.path("eventId").asText()).path("outcome").asText()).isEqualTo("APPLIED");
        assertThat(runtime.wiring().stockStore().get("sku-105")).get().extracting(StockLevel::available).isEqualTo(38L);
    }

    @Test
    void oversell_isReportedRejectedWithTheUnitsThatWereLeft() throws Exception {
        HttpResponse<String> response = post("{\"type\":\"SALE\",\"sku\":\"sku-104\",\"quantity\":5}");

        JsonNode outcome = awaitOutcome(Json.mapper().readTree(response.body()).path("eventId").asText());

        assertThat(outcome.path("outcome").asText()).isEqualTo("REJECTED");
        assertThat(outcome.path("reason").asText()).isEqualTo("INSUFFICIENT_STOCK");
        assertThat(outcome.path("available").asLong()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not JSON            | {"type":                                      | MALFORMED_JSON | $
            an array            | []                                            | MALFORMED_JSON | $
            no type             | {"sku":"sku-100","quantity":1}                | MISSING_FIELD  | type
            unknown type        | {"type":"REFUND","sku":"sku-100","quantity":1} | UNKNOWN_VALUE | type
            bad sku             | {"type":"SALE","sku":"sku 100","quantity":1}  | INVALID_FIELD  | sku
            quantity text       | {"type":"SALE","sku":"sku-100","quantity":"abc"} | INVALID_FIELD | quantity
            quantity zero       | {"type":"SALE","sku":"sku-100","quantity":0}  | INVALID_FIELD  | quantity
            quantity absurd     | {"type":"RESTOCK","sku":"sku-100","quantity":99999999} | INVALID_FIELD | quantity
            """)
    void invalidInput_isRefusedWithTheFieldAndNothingReachesTheStream(String caseName, String body, String code,
                                                                     String field) throws Exception {
        StreamProbe probe = StreamProbe.mark(runtime);

        HttpResponse<String> response = post(body);

        assertThat(response.statusCode()).as(caseName).isEqualTo(200);
        assertThat(Json.mapper().readTree(response.body()).path("accepted").asBoolean()).as(caseName).isFalse();
        JsonNode error = Json.mapper().readTree(response.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo(code);
        assertThat(error.path("field").asText()).isEqualTo(field);
        assertThat(error.path("message").asText()).startsWith(field + ": ");
        assertThat(probe.recordsSinceMark()).as(caseName).isZero();
    }

    @Test
    void oversizeBody_isRefused() throws Exception {
        assertThat(post("{\"type\":\"SALE\",\"pad\":\"" + "x".repeat(5_000) + "\"}").statusCode()).isEqualTo(413);
    }

    @Test
    void unknownEventIdAndBadIds_areAnsweredClearly() throws Exception {
        assertThat(outcome("ops-never-sent").path("outcome").asText()).isEqualTo("PENDING");
        HttpResponse<String> bad = HTTP.send(HttpRequest.newBuilder(URI.create(runtime.webUrl()
                + "/ops/api/events/a%20b")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a form, as a cross-site page posts one | application/x-www-form-urlencoded | | 415
            text/plain, the other simple request   | text/plain                        | | 415
            no content type                        |                                   | | 415
            JSON from another site's page          | application/json                  | https://evil.example | 403
            JSON from a null origin (a sandbox)    | application/json                  | null                 | 403
            """)
    void requestsOnlyTheConsoleWouldNotSend_areRefusedAndNothingReachesTheStream(
            String caseName, String contentType, String origin, int status) throws Exception {
        StreamProbe probe = StreamProbe.mark(runtime);

        int answered = rawPost("127.0.0.1:" + runtime.webUrl().getPort(), contentType, origin);

        assertThat(answered).as(caseName).isEqualTo(status);
        assertThat(probe.recordsSinceMark()).as(caseName).isZero();
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"evil.example", "rebound.evil.example:%d", "127.0.0.1:1"})
    void aHostHeaderThatIsNotTheRuntime_isRefused_asDnsRebindingWouldSendIt(String hostPattern) throws Exception {
        StreamProbe probe = StreamProbe.mark(runtime);
        String host = hostPattern.formatted(runtime.webUrl().getPort());

        assertThat(rawPost(host, "application/json", null)).isEqualTo(403);
        assertThat(probe.recordsSinceMark()).isZero();
    }

    @Test
    void theConsolesOwnRequest_withItsOriginAndLocalhost_isAccepted() throws Exception {
        String host = "localhost:" + runtime.webUrl().getPort();

        assertThat(rawPost(host, "application/json; charset=utf-8", "http://" + host)).isEqualTo(202);
    }

    /** A POST written by hand: the JDK client will not send a Host header of our choosing. */
    private static int rawPost(String host, String contentType, String origin) throws Exception {
        byte[] body = "{\"type\":\"SALE\",\"sku\":\"sku-100\",\"quantity\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", runtime.webUrl().getPort())) {
            socket.setSoTimeout(10_000);
            String head = "POST /ops/api/events HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n"
                    + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                    + (origin == null ? "" : "Origin: " + origin + "\r\n")
                    + "Content-Length: " + body.length + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return Integer.parseInt(answer.substring(9, 12));
        }
    }

    @Test
    void closeSockets_closesEveryOpenSocketGoingAway_asApiGatewayDoesAtTwoHours() throws Exception {
        try (com.stockpulse.local.testing.TestSocket a = com.stockpulse.local.testing.TestSocket.open(
                     URI.create(runtime.webSocketUrl() + "?page=/products/sku-100"));
             com.stockpulse.local.testing.TestSocket b = com.stockpulse.local.testing.TestSocket.open(
                     URI.create(runtime.webSocketUrl() + "?page=/products/sku-101"))) {
            HttpResponse<String> text = HTTP.send(HttpRequest.newBuilder(runtime.webUrl().resolve("/ops/api/sockets/close"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "text/plain").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(text.statusCode()).as("a cross-site form could send text/plain").isEqualTo(415);

            HttpResponse<String> closed = HTTP.send(HttpRequest.newBuilder(runtime.webUrl().resolve("/ops/api/sockets/close"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(closed.statusCode()).isEqualTo(202);
            assertThat(Json.mapper().readTree(closed.body()).path("closed").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(a.awaitClose(Duration.ofSeconds(5))).isEqualTo(1001);
            assertThat(b.awaitClose(Duration.ofSeconds(5))).isEqualTo(1001);
        }
    }

    @Test
    void runtime_tellsTheStacksAndTheJvmsFigures_forTheConsoleAndASoak() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(runtime.webUrl().resolve("/ops/api/runtime"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode figures = Json.mapper().readTree(response.body());
        assertThat(figures.path("heapUsedBytes").asLong()).isPositive();
        assertThat(figures.path("heapAfterGcBytes").isNumber()).isTrue();
        assertThat(figures.path("liveThreads").asLong()).isPositive();
        assertThat(figures.path("openFileDescriptors").asLong()).isPositive();
        assertThat(figures.path("sockets").isNumber()).isTrue();
        assertThat(figures.path("salesProcessed").isNumber()).isTrue();
    }

    @Test
    void runtime_countsTheFunctionsOwnFigures_asCloudWatchWouldGetThem() throws Exception {
        JsonNode before = runtimeFigures().path("metrics");
        String eventId = Json.mapper().readTree(post("{\"type\":\"SALE\",\"sku\":\"sku-999-unknown\",\"quantity\":1}")
                .body()).path("eventId").asText();
        awaitOutcome(eventId);

        Eventually.await("the refusal is counted", Duration.ofSeconds(5), () -> {
            try {
                return runtimeFigures().path("metrics").path("SalesRefusedUnknownSku").asLong()
                        == before.path("SalesRefusedUnknownSku").asLong() + 1;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        JsonNode metrics = runtimeFigures().path("metrics");
        for (com.stockpulse.model.MetricName name : com.stockpulse.model.MetricName.values()) {
            assertThat(metrics.has(name.metricName())).as(name.metricName()).isTrue();
        }
        assertThat(metrics.path("FanOutLag").has("max")).isTrue();
    }

    private static JsonNode runtimeFigures() throws Exception {
        return Json.mapper().readTree(HTTP.send(HttpRequest.newBuilder(runtime.webUrl().resolve("/ops/api/runtime"))
                .build(), HttpResponse.BodyHandlers.ofString()).body());
    }
}
