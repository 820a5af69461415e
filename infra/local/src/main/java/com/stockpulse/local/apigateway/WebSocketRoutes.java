package com.stockpulse.local.apigateway;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.stockpulse.local.lambda.LambdaFunction;
import com.stockpulse.local.lambda.LocalFunctions;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The routes of the WebSocket API and the Lambda handler behind each. Messages are routed by
 * {@code $request.body.action}: a named route when one matches, else {@code $default}. Each handler is invoked as
 * Lambda invokes it: the event's JSON through the runtime's serializer ({@link LocalFunctions}).
 */
public final class WebSocketRoutes {

    /** A Lambda handler for API Gateway WebSocket events. */
    public interface Handler extends RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    }

    /**
     * Before the functions are integrated: $connect is refused with 503, not ready yet. The emulator listens before
     * the functions exist because they need its endpoints.
     */
    static final WebSocketRoutes STARTING = new WebSocketRoutes(WebSocketRoutes::starting, WebSocketRoutes::starting,
            WebSocketRoutes::starting, Map.of());

    private final LambdaFunction connect;
    private final LambdaFunction disconnect;
    private final LambdaFunction defaultRoute;
    private final Map<String, LambdaFunction> named;

    public WebSocketRoutes(Handler connect, Handler disconnect, Handler defaultRoute, Map<String, Handler> named) {
        this.connect = function(Objects.requireNonNull(connect, "connect"));
        this.disconnect = function(Objects.requireNonNull(disconnect, "disconnect"));
        this.defaultRoute = function(Objects.requireNonNull(defaultRoute, "defaultRoute"));
        Map<String, LambdaFunction> functions = new HashMap<>();
        named.forEach((action, handler) -> functions.put(action, function(handler)));
        this.named = Map.copyOf(functions);
    }

    private static LambdaFunction function(Handler handler) {
        return LocalFunctions.of(handler, APIGatewayV2WebSocketEvent.class, APIGatewayV2WebSocketResponse.class);
    }

    private static APIGatewayV2WebSocketResponse starting(APIGatewayV2WebSocketEvent event, Context context) {
        APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
        response.setStatusCode(503);
        response.setBody("Service Unavailable: still starting");
        return response;
    }

    LambdaFunction connect() {
        return connect;
    }

    LambdaFunction disconnect() {
        return disconnect;
    }

    LambdaFunction forAction(String action) {
        return action == null ? defaultRoute : named.getOrDefault(action, defaultRoute);
    }

    String routeKey(String action) {
        return action != null && named.containsKey(action) ? action : "$default";
    }
}
