package com.stockpulse.local.apigateway;

import com.stockpulse.functions.messaging.PostStatus;
import com.stockpulse.model.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** {@code /@connections/{id}}: what the SDK's ApiGatewayManagementApiClient calls. */
final class ManagementApi extends Handler.Abstract {

    private static final String CONNECTIONS_PATH = "/@connections/";
    /** Oversize @connections bodies up to this are read and dropped before the 413; larger ones are not read. */
    private static final long DRAINED = 1024 * 1024;

    private final LiveConnections connections;
    private final EmulatorSettings settings;

    ManagementApi(LiveConnections connections, EmulatorSettings settings) {
        this.connections = connections;
        this.settings = settings;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        // As API Gateway: the signature is checked before anything else, so an unsigned request learns nothing.
        Optional<String> unsigned = RequestSignature.problem(request.getHeaders().get(HttpHeader.AUTHORIZATION),
                request.getHeaders().get("X-Amz-Date"), Instant.now());
        String connectionId = path.startsWith(CONNECTIONS_PATH) && path.length() > CONNECTIONS_PATH.length()
                ? path.substring(CONNECTIONS_PATH.length()) : null;
        if (unsigned.isEmpty() && connectionId != null && request.getMethod().equals("POST")) {
            return post(connectionId, request, response, callback);   // reads the body, or refuses it whole
        }
        if (hasBody(request)) {
            // Every other answer leaves the request's body unread, and Jetty then closes the connection: say so, or
            // a client that keeps connections alive sends its next request on one that is closing.
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        if (unsigned.isPresent()) {
            return error(response, callback, 403, "ForbiddenException", unsigned.get());
        }
        if (connectionId == null) {
            return error(response, callback, 404, "NotFoundException", "no such resource: " + path);
        }
        return switch (request.getMethod()) {
            case "GET" -> get(connectionId, response, callback);
            case "DELETE" -> delete(connectionId, response, callback);
            default -> error(response, callback, 405, "MethodNotAllowedException", request.getMethod());
        };
    }

    private static boolean hasBody(Request request) {
        HttpFields headers = request.getHeaders();
        return headers.contains(HttpHeader.TRANSFER_ENCODING) || headers.getLongField(HttpHeader.CONTENT_LENGTH) > 0;
    }

    /**
     * The body is kept up to one byte past the limit, never more. An oversize body up to {@link #DRAINED} is read
     * and dropped before the 413, so a client still writing it (the SDK's) gets the answer rather than a broken
     * pipe; a larger one (a 200 MB POST) is refused at once and its connection closed, unread.
     */
    private boolean post(String connectionId, Request request, Response response, Callback callback)
            throws IOException {
        long declared = request.getLength();
        if (declared > DRAINED) {
            return tooLarge(declared, true, response, callback);
        }
        byte[] data;
        boolean unread;
        try (InputStream body = Content.Source.asInputStream(request)) {
            data = body.readNBytes(settings.maxMessageBytes() + 1);
            unread = data.length > settings.maxMessageBytes() && !drained(body);
        }
        if (data.length > settings.maxMessageBytes()) {
            return tooLarge(Math.max(declared, data.length), unread, response, callback);
        }
        return switch (connections.post(connectionId, data)) {
            case DELIVERED -> {
                response.setStatus(200);
                callback.succeeded();
                yield true;
            }
            case PAYLOAD_TOO_LARGE -> tooLarge(data.length, false, response, callback);
            case THROTTLED -> error(response, callback, 429, "LimitExceededException", "Rate exceeded");
            case GONE -> error(response, callback, 410, "GoneException", null);
            case TEMPORARY_FAILURE, PERMANENT_FAILURE -> error(response, callback, 500, "InternalServerErrorException",
                    "the message could not be queued");
        };
    }

    /** Reads and drops what is left of a body, up to {@link #DRAINED}; false when more than that remains. */
    private static boolean drained(InputStream body) throws IOException {
        byte[] buffer = new byte[8192];
        long dropped = 0;
        for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
            dropped += n;
            if (dropped > DRAINED) {
                return false;
            }
        }
        return true;
    }

    private boolean tooLarge(long bytes, boolean bodyLeftUnread, Response response, Callback callback) {
        if (bodyLeftUnread) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        return error(response, callback, 413, "PayloadTooLargeException",
                "payload of " + (bytes > settings.maxMessageBytes() ? "more than " + settings.maxMessageBytes()
                        : String.valueOf(bytes)) + " bytes exceeds " + settings.maxMessageBytes());
    }

    private boolean get(String connectionId, Response response, Callback callback) {
        LiveConnection connection = connections.get(connectionId);
        if (connection == null || !connection.isOpen()) {
            return error(response, callback, 410, "GoneException", null);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("connectedAt", connection.connectedAt.toString());
        body.put("identity", Map.of("sourceIp", connection.sourceIp, "userAgent", connection.userAgent));
        body.put("lastActiveAt", connection.lastActiveAt.toString());
        return json(response, callback, 200, Json.toString(body));
    }

    private boolean delete(String connectionId, Response response, Callback callback) {
        if (connections.disconnect(connectionId) == PostStatus.GONE) {
            return error(response, callback, 410, "GoneException", null);
        }
        response.setStatus(204);
        callback.succeeded();
        return true;
    }

    private boolean error(Response response, Callback callback, int status, String type, String message) {
        response.getHeaders().put("x-amzn-ErrorType", type);
        return json(response, callback, status, "{\"message\":" + (message == null ? "null" : Json.toString(message)) + "}");
    }

    private boolean json(Response response, Callback callback, int status, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }
}
