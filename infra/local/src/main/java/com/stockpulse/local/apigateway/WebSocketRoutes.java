package com.stockpulse.local.apigateway;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import java.util.Map;
import java.util.Objects;

/**
 * The routes of the WebSocket API and the Lambda handler behind each. Messages are routed by
 * {@code $request.body.action}: a named route when one matches, else {@code $default}.
 */
public record WebSocketRoutes(Handler connect, Handler disconnect, Handler defaultRoute, Map<String, Handler> named) {

    /** A Lambda handler for API Gateway WebSocket events. */
    public interface Handler extends RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    }

    /**
     * Before the functions are integrated: $connect is refused with 503, not ready yet. The emulator listens before
     * the functions exist because they need its endpoints.
     */
    static final WebSocketRoutes STARTING = new WebSocketRoutes(WebSocketRoutes::starting, WebSocketRoutes::starting,
            WebSocketRoutes::starting, Map.of());

    public WebSocketRoutes {
        Objects.requireNonNull(connect, "connect");
        Objects.requireNonNull(disconnect, "disconnect");
        Objects.requireNonNull(defaultRoute, "defaultRoute");
        named = Map.copyOf(named);
    }

    private static APIGatewayV2WebSocketResponse starting(APIGatewayV2WebSocketEvent event, Context context) {
        APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
        response.setStatusCode(503);
        response.setBody("Service Unavailable: still starting");
        return response;
    }

    Handler forAction(String action) {
        return action == null ? defaultRoute : named.getOrDefault(action, defaultRoute);
    }

    String routeKey(String action) {
        return action != null && named.containsKey(action) ? action : "$default";
    }
}
