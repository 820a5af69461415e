package com.stockpulse.local.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.stockpulse.functions.store.ApplyResult;
import com.stockpulse.functions.store.StockStore;
import com.stockpulse.functions.store.StoreFailedException;
import com.stockpulse.functions.store.StoreUnavailableException;
import com.stockpulse.model.InvalidMessageException;
import com.stockpulse.model.Json;
import com.stockpulse.model.Limits;
import com.stockpulse.model.SaleEvent;
import com.stockpulse.model.Untrusted;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;

/**
 * The ops console's endpoint, for the local runtime only and answering only on loopback:
 * {@code POST /ops/api/events} validates an event as the consumer would and puts it on the stream (202,
 * {@code "accepted": true}); invalid input is refused before anything is put, as a normal answer (200,
 * {@code "accepted": false} and the error), so that a typo in the console is not logged as a failed request.
 * {@code GET /ops/api/events/{eventId}} tells what became of an event. {@code POST /ops/api/sockets/close} closes
 * every open socket as API Gateway does at its 2-hour limit or in a deploy (1001, going away): a reconnect storm
 * on demand, for the load test.
 *
 * <p>Only the console may call it: a request must name the runtime itself as its {@code Host} (no DNS rebinding),
 * carry no foreign {@code Origin}, and post JSON (a cross-site form or text/plain body is refused before it is read).
 */
public final class OpsApi {

    /** Everything under it is the ops endpoint's, with the same guards. */
    static final String ROOT = "/ops/api/";
    static final String PREFIX = "/ops/api/events";
    /** The stack's own figures and the JVM's (heap after GC, threads, descriptors), for the console and a soak. */
    static final String RUNTIME = "/ops/api/runtime";
    static final String CLOSE_SOCKETS = "/ops/api/sockets/close";
    private static final Logger LOG = LoggerFactory.getLogger(OpsApi.class);
    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    private final KinesisClient kinesis;
    private final String streamName;
    private final StockStore stock;
    private final Clock clock;
    private final Supplier<Map<String, Object>> stackFigures;
    private final IntSupplier closeSockets;

    public OpsApi(KinesisClient kinesis, String streamName, StockStore stock, Clock clock) {
        this(kinesis, streamName, stock, clock, Map::of, () -> 0);
    }

    /**
     * With {@code stackFigures} (sockets, sales, posts...) in {@code GET /ops/api/runtime} beside the JVM's, and
     * {@code closeSockets}, which closes every open socket and says how many.
     */
    public OpsApi(KinesisClient kinesis, String streamName, StockStore stock, Clock clock,
                  Supplier<Map<String, Object>> stackFigures, IntSupplier closeSockets) {
        this.kinesis = kinesis;
        this.streamName = streamName;
        this.stock = stock;
        this.clock = clock;
        this.stackFigures = stackFigures;
        this.closeSockets = closeSockets;
    }

    boolean handle(Request request, Response response, Callback callback) throws IOException {
        if (!isLoopback(Request.getRemoteAddr(request))) {
            return error(response, callback, 403, "FORBIDDEN", null, "the ops endpoint answers only on loopback");
        }
        String host = request.getHeaders().get(HttpHeader.HOST);
        if (!isOwnHost(host, Request.getLocalPort(request))) {
            // DNS rebinding: a page of evil.example whose name now resolves to 127.0.0.1 sends Host: evil.example.
            return error(response, callback, 403, "FORBIDDEN", null, "the ops endpoint answers only to "
                    + "localhost or 127.0.0.1 on port " + Request.getLocalPort(request) + ", not Host " + Untrusted.quote(host));
        }
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (origin != null && !origin.equalsIgnoreCase("http://" + host)) {
            // Any page open in the developer's browser could otherwise post sale events here.
            return error(response, callback, 403, "FORBIDDEN", null,
                    "the ops endpoint answers only its own console, not Origin " + Untrusted.quote(origin));
        }
        String path = Request.getPathInContext(request);
        if (path.equals(PREFIX) && request.getMethod().equals("POST")) {
            if (!isJson(request.getHeaders().get(HttpHeader.CONTENT_TYPE))) {
                // Forms and text/plain are what a cross-site page can send without asking; JSON is what the console sends.
                return error(response, callback, 415, "UNSUPPORTED_MEDIA_TYPE", null,
                        "send the event as Content-Type: application/json");
            }
            return send(request, response, callback);
        }
        if (path.equals(CLOSE_SOCKETS) && request.getMethod().equals("POST")) {
            if (!isJson(request.getHeaders().get(HttpHeader.CONTENT_TYPE))) {
                return error(response, callback, 415, "UNSUPPORTED_MEDIA_TYPE", null,
                        "post with Content-Type: application/json");
            }
            int closed = closeSockets.getAsInt();
            LOG.info("ops: closed {} open socket(s), as API Gateway does at 2 hours", closed);
            return json(response, callback, 202, Map.of("closed", closed));
        }
        if (path.equals(RUNTIME) && request.getMethod().equals("GET")) {
            Map<String, Object> figures = new LinkedHashMap<>(stackFigures.get());
            figures.putAll(JvmFigures.now());
            return json(response, callback, 200, figures);
        }
        if (path.startsWith(PREFIX + "/") && request.getMethod().equals("GET")) {
            return outcome(path.substring(PREFIX.length() + 1), response, callback);
        }
        return error(response, callback, 405, "METHOD_NOT_ALLOWED", null, request.getMethod() + " " + path);
    }

    /** {@code localhost}, a 127.x address or {@code [::1]}, with the port this request came in on. */
    private static boolean isOwnHost(String host, int port) {
        if (host == null) {
            return false;
        }
        int colon = host.lastIndexOf(':');
        if (colon < 0 || host.endsWith("]") || !host.substring(colon + 1).equals(String.valueOf(port))) {
            return false;
        }
        String name = host.substring(0, colon).toLowerCase(Locale.ROOT);
        return name.equals("localhost") || name.equals("[::1]") || IPV4_LOOPBACK.matcher(name).matches();
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        return type.equalsIgnoreCase("application/json");
    }

    private static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    private boolean send(Request request, Response response, Callback callback) throws IOException {
        byte[] body = Content.Source.asInputStream(request).readNBytes(Limits.MAX_CLIENT_MESSAGE_BYTES + 1);
        if (body.length > Limits.MAX_CLIENT_MESSAGE_BYTES) {
            return error(response, callback, 413, "TOO_LARGE", "$",
                    "a request has at most " + Limits.MAX_CLIENT_MESSAGE_BYTES + " bytes");
        }
        SaleEvent event;
        try {
            event = SaleEvent.fromJson(completed(body));
        } catch (InvalidMessageException e) {
            Map<String, Object> refused = new LinkedHashMap<>();
            refused.put("accepted", false);
            refused.put("error", errorBody(e.problem().name(), e.field(), e.getMessage()));
            return json(response, callback, 200, refused);
        }
        try {
            PutRecordResponse put = kinesis.putRecord(r -> r.streamName(streamName).partitionKey(event.partitionKey())
                    .data(SdkBytes.fromByteArray(event.toJsonBytes())));
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("accepted", true);
            answer.put("eventId", event.eventId());
            answer.put("type", event.type().name());
            answer.put("sku", event.sku());
            answer.put("quantity", event.quantity());
            answer.put("shardId", put.shardId());
            answer.put("sequenceNumber", put.sequenceNumber());
            return json(response, callback, 202, answer);
        } catch (SdkException e) {
            LOG.warn("ops console: PutRecord failed: {}", e.getMessage());
            return error(response, callback, 503, "UNAVAILABLE", null, "the stream did not take the event: " + e.getMessage());
        }
    }

    /**
     * The console sends type, sku and quantity; the id, time and source are ours. The user's fields go through as
     * typed (a quantity of "abc" stays a string) so the parser names the real problem.
     */
    private byte[] completed(byte[] body) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new InvalidMessageException(InvalidMessageException.Problem.MALFORMED_JSON, "$", "not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new InvalidMessageException(InvalidMessageException.Problem.MALFORMED_JSON, "$", "expected a JSON object");
        }
        ObjectNode event = Json.mapper().createObjectNode();
        event.put("eventId", "ops-" + UUID.randomUUID());
        event.set("type", node.get("type"));
        event.set("sku", node.get("sku"));
        event.set("quantity", node.get("quantity"));
        event.put("occurredAt", clock.instant().toString());
        event.put("source", "ops-console");
        return Json.toString(event).getBytes(StandardCharsets.UTF_8);
    }

    private boolean outcome(String eventId, Response response, Callback callback) {
        if (!EVENT_ID.matcher(eventId).matches()) {
            return error(response, callback, 400, "INVALID_FIELD", "eventId", "not an event id: " + eventId);
        }
        Optional<ApplyResult> outcome;
        try {
            outcome = stock.outcomeOf(eventId);
        } catch (StoreUnavailableException | StoreFailedException e) {
            return error(response, callback, 503, "UNAVAILABLE", null, e.getMessage());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("eventId", eventId);
        switch (outcome.orElse(null)) {
            case null -> answer.put("outcome", "PENDING");
            case ApplyResult.Applied applied -> answer.put("outcome", "APPLIED");
            case ApplyResult.Rejected rejected -> {
                answer.put("outcome", "REJECTED");
                answer.put("reason", rejected.reason().name());
                answer.put("available", rejected.available());
            }
            case ApplyResult.Duplicate duplicate -> answer.put("outcome", "APPLIED");
        }
        return json(response, callback, 200, answer);
    }

    private static boolean error(Response response, Callback callback, int status, String code, String field,
                                 String message) {
        return json(response, callback, status, Map.of("error", errorBody(code, field, message)));
    }

    private static Map<String, Object> errorBody(String code, String field, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("field", field);
        error.put("message", message);
        return error;
    }

    private static boolean json(Response response, Callback callback, int status, Object body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(Json.toString(body).getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }
}
