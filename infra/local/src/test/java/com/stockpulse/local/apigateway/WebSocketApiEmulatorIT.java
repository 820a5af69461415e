package com.stockpulse.local.apigateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.stockpulse.local.runtime.StartupFailedException;
import com.stockpulse.local.testing.RawWebSocket;
import com.stockpulse.local.testing.SigV4;
import com.stockpulse.local.testing.TestSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GetConnectionResponse;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.LimitExceededException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.PayloadTooLargeException;

/** Every documented behaviour of the emulated WebSocket API, through real sockets and the unchanged SDK client. */
class WebSocketApiEmulatorIT {

    private static final Duration WAIT = Duration.ofSeconds(5);

    /** What each route received, in order. */
    private final BlockingQueue<APIGatewayV2WebSocketEvent> connects = new LinkedBlockingQueue<>();
    private final BlockingQueue<APIGatewayV2WebSocketEvent> disconnects = new LinkedBlockingQueue<>();
    private final BlockingQueue<APIGatewayV2WebSocketEvent> defaults = new LinkedBlockingQueue<>();
    private final BlockingQueue<APIGatewayV2WebSocketEvent> syncs = new LinkedBlockingQueue<>();
    private final List<String> postsDuringConnect = new ArrayList<>();
    private volatile int connectStatus = 200;
    /** The sync route waits for this before it answers. */
    private volatile CountDownLatch syncGate = new CountDownLatch(0);

    private WebSocketApiEmulator emulator;
    private ApiGatewayManagementApiClient management;

    private WebSocketApiEmulator start(EmulatorSettings settings) {
        WebSocketRoutes routes = new WebSocketRoutes(
                (event, context) -> {
                    connects.add(event);
                    try {
                        management.postToConnection(r -> r.connectionId(event.getRequestContext().getConnectionId())
                                .data(SdkBytes.fromUtf8String("too early")));
                        postsDuringConnect.add("delivered");
                    } catch (GoneException e) {
                        postsDuringConnect.add("410");
                    }
                    return answer(connectStatus);
                },
                (event, context) -> {
                    disconnects.add(event);
                    return answer(200);
                },
                (event, context) -> {
                    defaults.add(event);
                    return answer(200);
                },
                Map.of("sync", (event, context) -> {
                    syncs.add(event);
                    try {
                        syncGate.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return answer(200);
                }));
        emulator = WebSocketApiEmulator.start(settings, routes);
        management = ApiGatewayManagementApiClient.builder()
                .endpointOverride(emulator.managementEndpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry()))
                .build();
        return emulator;
    }

    private static APIGatewayV2WebSocketResponse answer(int status) {
        APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
        response.setStatusCode(status);
        response.setBody(status == 200 ? "ok" : "page: refused by the test");
        return response;
    }

    private URI page(String page) {
        return URI.create(emulator.webSocketUrl() + "?page=" + page);
    }

    private String connectionIdOf(APIGatewayV2WebSocketEvent event) {
        return event.getRequestContext().getConnectionId();
    }

    @AfterEach
    void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void connect_invokesConnectRouteWithQueryIdentityAndAnApiGatewayLikeId_andRefusesPostsUntilOpen() throws Exception {
        start(EmulatorSettings.defaults(0));

        try (TestSocket socket = TestSocket.open(page("/products/sku-1"))) {
            APIGatewayV2WebSocketEvent connect = connects.poll(5, TimeUnit.SECONDS);
            assertThat(connect.getRequestContext().getRouteKey()).isEqualTo("$connect");
            assertThat(connect.getRequestContext().getEventType()).isEqualTo("CONNECT");
            assertThat(connect.getQueryStringParameters()).containsEntry("page", "/products/sku-1");
            assertThat(connect.getRequestContext().getIdentity().getSourceIp()).isEqualTo("127.0.0.1");
            assertThat(connectionIdOf(connect)).matches("[A-Za-z0-9+]{15}=");
            assertThat(postsDuringConnect).containsExactly("410");
            assertThat(socket.next(Duration.ofMillis(200))).isNull();
            assertThat(emulator.openConnections()).isEqualTo(1);
        }
    }

    @Test
    void connect_beforeTheRoutesAreIntegrated_isRefusedWith503_andUpgradesOnceTheyAre() {
        start(EmulatorSettings.defaults(0));
        WebSocketRoutes routes = new WebSocketRoutes((event, context) -> answer(200), (event, context) -> answer(200),
                (event, context) -> answer(200), Map.of());
        try (WebSocketApiEmulator starting = WebSocketApiEmulator.start(EmulatorSettings.defaults(0))) {
            URI url = URI.create(starting.webSocketUrl() + "?page=/products/sku-1");

            assertThat(TestSocket.handshakeStatus(url)).isEqualTo(503);
            starting.integrate(routes);
            assertThat(TestSocket.handshakeStatus(url)).isEqualTo(101);
        }
    }

    @Test
    void connectsPastTheNewConnectionQuota_areAnswered429BeforeConnectRuns_andTheQuotaRefills() throws Exception {
        start(EmulatorSettings.defaults(0).withConnectRate(5));
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            statuses.add(TestSocket.handshakeStatus(page("/products/sku-1")));
        }

        assertThat(statuses.subList(0, 5)).containsOnly(101);
        assertThat(statuses.subList(5, 8)).as("a second's worth taken at once").containsOnly(429);
        assertThat(connects).as("$connect never ran for the refused ones").hasSize(5);
        assertThat(emulator.connectsThrottled()).isEqualTo(3);
        Thread.sleep(450);   // 5 a second: two more by now
        assertThat(TestSocket.handshakeStatus(page("/products/sku-1"))).isEqualTo(101);
    }

    @Test
    void anIntegrationSlowerThanItsTimeout_isAnsweredAsApiGatewayDoes_whileTheFunctionRunsOn() throws Exception {
        start(EmulatorSettings.defaults(0).withIntegrationTimeout(Duration.ofMillis(300)));
        syncGate = new CountDownLatch(1);
        try (TestSocket socket = TestSocket.open(page("/products/sku-1"))) {
            socket.send("{\"action\":\"sync\"}");

            String frame = socket.next(WAIT);
            assertThat(frame).contains("\"message\":\"Endpoint request timed out\"").contains("\"connectionId\"");
            assertThat(syncs.poll(1, TimeUnit.SECONDS)).as("the function was invoked and is still running").isNotNull();
            syncGate.countDown();
        }
        // $connect: the upgrade is answered 504 when the connect function is slower than the timeout.
        CountDownLatch slowConnect = new CountDownLatch(1);
        try (WebSocketApiEmulator slow = WebSocketApiEmulator.start(
                EmulatorSettings.defaults(0).withIntegrationTimeout(Duration.ofMillis(300)),
                new WebSocketRoutes((event, context) -> {
                    try {
                        slowConnect.await(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return answer(200);
                }, (event, context) -> answer(200), (event, context) -> answer(200), Map.of()))) {
            assertThat(TestSocket.handshakeStatus(URI.create(slow.webSocketUrl() + "?page=/products/sku-1")))
                    .isEqualTo(504);
            assertThat(slow.openConnections()).isZero();
            slowConnect.countDown();
        }
    }

    @Test
    void connect_whenRouteAnswersNon2xx_refusesTheUpgradeWithThatStatus() {
        start(EmulatorSettings.defaults(0));
        connectStatus = 400;

        assertThat(TestSocket.handshakeStatus(page("/admin"))).isEqualTo(400);
        assertThat(emulator.openConnections()).isZero();
    }

    @Test
    void message_isRoutedByActionWithDefaultAsFallback() throws Exception {
        start(EmulatorSettings.defaults(0));
        try (TestSocket socket = TestSocket.open(page("/products/sku-1"))) {
            socket.send("{\"action\":\"sync\"}");
            socket.send("{\"action\":\"dance\"}");
            socket.send("not json at all");

            APIGatewayV2WebSocketEvent sync = syncs.poll(5, TimeUnit.SECONDS);
            assertThat(sync.getRequestContext().getRouteKey()).isEqualTo("sync");
            assertThat(sync.getRequestContext().getEventType()).isEqualTo("MESSAGE");
            assertThat(sync.getBody()).isEqualTo("{\"action\":\"sync\"}");
            List<String> defaultBodies = List.of(defaults.poll(5, TimeUnit.SECONDS).getBody(),
                    defaults.poll(5, TimeUnit.SECONDS).getBody());
            assertThat(defaultBodies).containsExactlyInAnyOrder("{\"action\":\"dance\"}", "not json at all");
        }
    }

    @Test
    void managementApi_postsGetsAndDeletes_withTheUnchangedSdkClient() throws Exception {
        start(EmulatorSettings.defaults(0));
        TestSocket socket = TestSocket.open(page("/products/sku-1"));
        String id = connectionIdOf(connects.poll(5, TimeUnit.SECONDS));
        Instant before = Instant.now();

        management.postToConnection(r -> r.connectionId(id).data(SdkBytes.fromUtf8String("{\"type\":\"pong\"}")));
        GetConnectionResponse info = management.getConnection(r -> r.connectionId(id));
        management.deleteConnection(r -> r.connectionId(id));

        assertThat(socket.next(WAIT)).isEqualTo("{\"type\":\"pong\"}");
        assertThat(info.connectedAt()).isBefore(before.plusSeconds(1));
        assertThat(info.lastActiveAt()).isAfterOrEqualTo(info.connectedAt());
        assertThat(info.identity().sourceIp()).isEqualTo("127.0.0.1");
        assertThat(info.identity().userAgent()).isNotBlank();
        assertThat(socket.awaitClose(WAIT)).isEqualTo(1000);
        assertThat(connectionIdOf(disconnects.poll(5, TimeUnit.SECONDS))).isEqualTo(id);
        assertThatThrownBy(() -> management.postToConnection(r -> r.connectionId(id).data(SdkBytes.fromUtf8String("x"))))
                .isInstanceOf(GoneException.class);
        assertThatThrownBy(() -> management.getConnection(r -> r.connectionId(id))).isInstanceOf(GoneException.class);
        assertThatThrownBy(() -> management.deleteConnection(r -> r.connectionId(id))).isInstanceOf(GoneException.class);
        assertThatThrownBy(() -> management.postToConnection(r -> r.connectionId("neverSeenId1234=")
                .data(SdkBytes.fromUtf8String("x")))).isInstanceOf(GoneException.class);
    }

    @Test
    void post_over128Kilobytes_isPayloadTooLarge() throws Exception {
        start(EmulatorSettings.defaults(0));
        try (TestSocket socket = TestSocket.open(page("/products/sku-1"))) {
            String id = connectionIdOf(connects.poll(5, TimeUnit.SECONDS));

            assertThatThrownBy(() -> management.postToConnection(r -> r.connectionId(id)
                    .data(SdkBytes.fromByteArray(new byte[128 * 1024 + 1])))).isInstanceOf(PayloadTooLargeException.class);
            management.postToConnection(r -> r.connectionId(id).data(SdkBytes.fromUtf8String("x".repeat(128 * 1024))));
            assertThat(socket.next(WAIT)).hasSize(128 * 1024);
        }
    }

    @Test
    void post_pastTheTokenBucket_isThrottled() throws Exception {
        start(EmulatorSettings.defaults(0).withPostRate(5, 5));
        try (TestSocket socket = TestSocket.open(page("/products/sku-1"))) {
            String id = connectionIdOf(connects.poll(5, TimeUnit.SECONDS));
            int throttled = 0;
            for (int i = 0; i < 20; i++) {
                try {
                    management.postToConnection(r -> r.connectionId(id).data(SdkBytes.fromUtf8String("m")));
                } catch (LimitExceededException e) {
                    throttled++;
                }
            }
            // Burst 5, less the token the $connect route spent on its refused early post: 16 of 20 refused,
            // or one fewer if the bucket refilled a token (5/s) during the loop.
            assertThat(throttled).isBetween(15, 16);
            Thread.sleep(400);
            management.postToConnection(r -> r.connectionId(id).data(SdkBytes.fromUtf8String("refilled")));
        }
    }

    @Test
    void idleConnection_isClosedAndDisconnected() throws Exception {
        start(EmulatorSettings.defaults(0).withTimeouts(Duration.ofMillis(500), Duration.ofHours(2)));
        TestSocket socket = TestSocket.open(page("/products/sku-1"));

        assertThat(socket.awaitClose(WAIT)).isEqualTo(1001);
        assertThat(disconnects.poll(5, TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    void everyConnection_isClosedAfterTheMaximumDurationEvenWhenActive() throws Exception {
        start(EmulatorSettings.defaults(0).withTimeouts(Duration.ofSeconds(10), Duration.ofMillis(800)));
        TestSocket socket = TestSocket.open(page("/products/sku-1"));
        for (int i = 0; i < 4 && !socket.isClosed(); i++) {
            socket.send("{\"action\":\"ping\"}");
            Thread.sleep(250);
        }

        assertThat(socket.awaitClose(WAIT)).isEqualTo(1001);
        assertThat(disconnects.poll(5, TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    void frameOver32Kilobytes_closesTheConnectionWith1009_whileA32KilobyteFrameIsFine() throws Exception {
        start(EmulatorSettings.defaults(0));
        try (RawWebSocket fits = new RawWebSocket(page("/products/sku-1"));
             RawWebSocket tooBig = new RawWebSocket(page("/products/sku-1"))) {
            fits.sendSingleTextFrame("y".repeat(32 * 1024).getBytes(StandardCharsets.UTF_8));
            tooBig.sendSingleTextFrame("x".repeat(32 * 1024 + 1).getBytes(StandardCharsets.UTF_8));

            assertThat(tooBig.awaitCloseCode()).isEqualTo(1009);
            assertThat(defaults.poll(5, TimeUnit.SECONDS).getBody()).hasSize(32 * 1024);
        }
    }

    @Test
    void messageOver128KilobytesInSmallFrames_closesTheConnectionWith1009() throws Exception {
        start(EmulatorSettings.defaults(0));
        TestSocket socket = TestSocket.open(page("/products/sku-1"));

        socket.sendInFrames("x".repeat(130 * 1024), 16 * 1024);

        assertThat(socket.awaitClose(WAIT)).isEqualTo(1009);
        assertThat(defaults).isEmpty();
    }

    @Test
    void binaryFrame_closesTheConnectionWith1003AndRunsDisconnect_asApiGatewayDoes() throws Exception {
        start(EmulatorSettings.defaults(0));
        try (RawWebSocket socket = new RawWebSocket(page("/products/sku-1"))) {
            socket.sendBinaryFrame("{\"action\":\"sync\"}".getBytes(StandardCharsets.UTF_8));

            assertThat(socket.awaitCloseCode()).isEqualTo(1003);
            assertThat(disconnects.poll(5, TimeUnit.SECONDS)).isNotNull();
            assertThat(syncs).isEmpty();
        }
    }

    @Test
    void permessageDeflate_carriesMessagesUpToTheDocumentedLimits_andRefusesLargerOnesAsWithout() throws Exception {
        start(EmulatorSettings.defaults(0));
        String large = "{\"action\":\"dance\",\"pad\":\"" + "x".repeat(20_000) + "\"}";
        try (RawWebSocket compressed = new RawWebSocket(page("/products/sku-1"), true);
             RawWebSocket tooLarge = new RawWebSocket(page("/products/sku-1"), true)) {
            compressed.sendText(large);
            tooLarge.sendText("x".repeat(130 * 1024));

            assertThat(defaults.poll(5, TimeUnit.SECONDS).getBody().equals(large)).as("the 20 KB message arrived whole").isTrue();
            assertThat(tooLarge.awaitCloseCode()).isEqualTo(1009);
            String id = connectionIdOf(connects.poll(5, TimeUnit.SECONDS));
            management.postToConnection(r -> r.connectionId(id).data(SdkBytes.fromUtf8String("{\"type\":\"pong\"}")));
            management.postToConnection(r -> r.connectionId(id).data(SdkBytes.fromUtf8String(large)));
            assertThat(compressed.nextText()).isEqualTo("{\"type\":\"pong\"}");
            assertThat(compressed.nextText().equals(large)).as("the 20 KB post arrived whole").isTrue();
        }
    }

    @Test
    void messagesPastTheConcurrencyBound_getApiGatewaysThrottlingErrorAtOnce_andNoThreadEach() throws Exception {
        start(EmulatorSettings.defaults(0).withMaxConcurrentInvocations(2));
        syncGate = new CountDownLatch(1);
        try (TestSocket socket = TestSocket.open(page("/products/sku-1"))) {
            for (int i = 0; i < 5; i++) {
                socket.send("{\"action\":\"sync\"}");
            }

            for (int i = 0; i < 3; i++) {
                assertThat(socket.next(WAIT)).contains("\"message\":\"Too Many Requests\"").contains("\"connectionId\"");
            }
            assertThat(syncs.poll(5, TimeUnit.SECONDS)).isNotNull();
            assertThat(syncs.poll(5, TimeUnit.SECONDS)).isNotNull();
            assertThat(syncs.poll(200, TimeUnit.MILLISECONDS)).isNull();
            syncGate.countDown();
            // Once the two held invocations have returned their slots, a sync is invoked again.
            APIGatewayV2WebSocketEvent again = null;
            for (int attempt = 0; attempt < 10 && again == null; attempt++) {
                socket.send("{\"action\":\"sync\"}");
                again = syncs.poll(500, TimeUnit.MILLISECONDS);
            }
            assertThat(again).isNotNull();
        }
    }

    @Test
    void postsToOneSocketFromManyThreadsAtOnce_allArriveWhole_asApiGatewaySerializesThem() throws Exception {
        start(EmulatorSettings.defaults(0));
        try (TestSocket socket = TestSocket.open(page("/products/sku-1"))) {
            String id = connectionIdOf(connects.poll(5, TimeUnit.SECONDS));
            com.stockpulse.functions.messaging.ConnectionMessenger messenger = emulator.inProcessMessenger();
            String large = "L".repeat(20_000);   // three frames: its fragments must not interleave with others
            List<Thread> posters = new ArrayList<>();
            java.util.concurrent.atomic.AtomicInteger delivered = new java.util.concurrent.atomic.AtomicInteger();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                posters.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < 100; i++) {
                        String message = i % 10 == 0 ? large : "{\"t\":" + thread + ",\"i\":" + i + "}";
                        if (messenger.post(id, message.getBytes(StandardCharsets.UTF_8))
                                == com.stockpulse.functions.messaging.PostStatus.DELIVERED) {
                            delivered.incrementAndGet();
                        }
                    }
                }));
            }
            for (Thread poster : posters) {
                poster.join();
            }

            assertThat(delivered.get()).isEqualTo(800);
            for (int i = 0; i < 800; i++) {
                String frame = socket.next(WAIT);
                assertThat(frame).as("message " + i).isNotNull();
                assertThat(frame.equals(large) || frame.matches("\\{\"t\":\\d,\"i\":\\d+}")).as("message " + i + " whole").isTrue();
            }
            assertThat(socket.isClosed()).isFalse();
        }
    }

    @Test
    void aMultiFrameMessageRefusedPartWay_cutsTheSocket_insteadOfLeavingItMidMessage() throws Exception {
        start(new EmulatorSettings("127.0.0.1", 0, Duration.ofMinutes(10), Duration.ofHours(2), 32 * 1024, 128 * 1024,
                1_000_000, 1_000_000, 4, Duration.ofSeconds(30), 1_000, true, 500, Duration.ofSeconds(29)));
        // A client that never reads: the socket's buffers fill, then Jetty's queue of 4 frames.
        try (RawWebSocket stalled = new RawWebSocket(page("/products/sku-1"))) {
            String id = connectionIdOf(connects.poll(5, TimeUnit.SECONDS));
            com.stockpulse.functions.messaging.ConnectionMessenger messenger = emulator.inProcessMessenger();
            byte[] threeFrames = "m".repeat(20_000).getBytes(StandardCharsets.UTF_8);
            com.stockpulse.functions.messaging.PostStatus status = com.stockpulse.functions.messaging.PostStatus.DELIVERED;
            for (int i = 0; i < 20_000 && status == com.stockpulse.functions.messaging.PostStatus.DELIVERED; i++) {
                status = messenger.post(id, threeFrames);
            }

            assertThat(status).isNotEqualTo(com.stockpulse.functions.messaging.PostStatus.DELIVERED);
            // Half a message went out: the socket is cut, so no later post can go out as its continuation.
            assertThat(messenger.post(id, "{\"type\":\"pong\"}".getBytes(StandardCharsets.UTF_8)))
                    .isEqualTo(com.stockpulse.functions.messaging.PostStatus.GONE);
        }
    }

    @Test
    void connect_withAnInvalidPercentEscape_isABadRequest_notAServerError() throws Exception {
        start(EmulatorSettings.defaults(0));

        assertThat(RawWebSocket.handshakeStatus(emulator.port(), "/?page=%ZZ")).isEqualTo(400);
        assertThat(connects).isEmpty();
    }

    @Test
    void unsignedRequests_areForbidden_andLeaveTheSocketAlone() throws Exception {
        start(EmulatorSettings.defaults(0));
        try (TestSocket viewer = TestSocket.open(page("/products/sku-1"))) {
            String id = connectionIdOf(connects.poll(5, TimeUnit.SECONDS));
            URI uri = URI.create(emulator.managementEndpoint() + "/@connections/" + id);
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();

            java.net.http.HttpResponse<String> post = http.send(java.net.http.HttpRequest.newBuilder(uri)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"type\":\"stock\",\"version\":999999}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            java.net.http.HttpResponse<String> delete = http.send(java.net.http.HttpRequest.newBuilder(uri).DELETE().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());

            assertThat(post.statusCode()).isEqualTo(403);
            assertThat(post.headers().firstValue("x-amzn-ErrorType")).hasValue("ForbiddenException");
            assertThat(post.body()).contains("Missing Authentication Token");
            assertThat(delete.statusCode()).isEqualTo(403);
            assertThat(viewer.next(Duration.ofMillis(300))).isNull();
            assertThat(emulator.openConnectionIds()).contains(id);
            assertThat(http.send(SigV4.signed("DELETE", uri, new byte[0]).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(204);
        }
    }

    @Test
    void post_declaringAHugeBody_isRefusedBeforeTheBodyIsRead() throws Exception {
        start(EmulatorSettings.defaults(0));
        try (TestSocket viewer = TestSocket.open(page("/products/sku-1"));
             java.net.Socket raw = new java.net.Socket("127.0.0.1", emulator.port())) {
            String id = connectionIdOf(connects.poll(5, TimeUnit.SECONDS));
            raw.setSoTimeout(5_000);
            StringBuilder signature = new StringBuilder();
            SigV4.headers("POST", URI.create(emulator.managementEndpoint() + "/@connections/" + id), new byte[0])
                    .forEach((name, value) -> signature.append(name).append(": ").append(value).append("\r\n"));
            raw.getOutputStream().write(("POST /@connections/" + id + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + signature
                    + "Content-Length: 209715200\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            raw.getOutputStream().write(new byte[64 * 1024]);
            raw.getOutputStream().flush();

            // The answer comes while 200 MB are still unsent: the server did not wait for (or keep) them.
            String status = new String(raw.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(status).isEqualTo("HTTP/1.1 413");
            assertThat(viewer.next(Duration.ofMillis(200))).isNull();
        }
    }

    @Test
    void post_ofAnUndeclaredLengthOverTheLimit_isPayloadTooLarge() throws Exception {
        start(EmulatorSettings.defaults(0));
        try (TestSocket viewer = TestSocket.open(page("/products/sku-1"))) {
            String id = connectionIdOf(connects.poll(5, TimeUnit.SECONDS));
            java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
                    SigV4.signed("POST", URI.create(emulator.managementEndpoint() + "/@connections/" + id), new byte[0])
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                                    () -> new java.io.ByteArrayInputStream(new byte[300 * 1024])))
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).isEqualTo(413);
            assertThat(answer.headers().firstValue("x-amzn-ErrorType")).hasValue("PayloadTooLargeException");
            assertThat(viewer.next(Duration.ofMillis(200))).isNull();
        }
    }

    @Test
    void clientClose_invokesDisconnect_butAnAbortDoesNotWhenAwsWouldHaveMissedIt() throws Exception {
        start(EmulatorSettings.defaults(0).withDisconnectOnAbort(false));
        TestSocket closing = TestSocket.open(page("/products/sku-1"));
        String closingId = connectionIdOf(connects.poll(5, TimeUnit.SECONDS));
        TestSocket killed = TestSocket.open(page("/products/sku-1"));
        String killedId = connectionIdOf(connects.poll(5, TimeUnit.SECONDS));

        closing.close();
        killed.abort();

        APIGatewayV2WebSocketEvent disconnect = disconnects.poll(5, TimeUnit.SECONDS);
        assertThat(connectionIdOf(disconnect)).isEqualTo(closingId);
        assertThat(disconnect.getRequestContext().getEventType()).isEqualTo("DISCONNECT");
        assertThat(disconnects.poll(1, TimeUnit.SECONDS)).isNull();
        assertThatThrownBy(() -> management.postToConnection(r -> r.connectionId(killedId)
                .data(SdkBytes.fromUtf8String("x")))).isInstanceOf(GoneException.class);
    }

    @Test
    void closedSockets_leaveNoTimerBehind_soMemoryStaysFlatUnderChurn() throws Exception {
        start(EmulatorSettings.defaults(0));
        int idle = emulator.queuedTimers();

        for (int i = 0; i < 30; i++) {
            TestSocket socket = TestSocket.open(page("/products/sku-1"));
            connects.poll(5, TimeUnit.SECONDS);
            socket.close();
            assertThat(disconnects.poll(5, TimeUnit.SECONDS)).as("the $disconnect of socket %d", i).isNotNull();
        }

        assertThat(emulator.queuedTimers()).as("timer tasks once 30 sockets came and went").isEqualTo(idle);
    }

    @Test
    void start_whenPortIsTaken_failsWithAClearMessage() {
        start(EmulatorSettings.defaults(0));
        int taken = emulator.port();

        assertThatThrownBy(() -> WebSocketApiEmulator.start(EmulatorSettings.defaults(taken), new WebSocketRoutes(
                (e, c) -> answer(200), (e, c) -> answer(200), (e, c) -> answer(200), Map.of())))
                .isInstanceOf(StartupFailedException.class)
                .hasMessageContaining("port " + taken).hasMessageContaining("taken");
    }
}
