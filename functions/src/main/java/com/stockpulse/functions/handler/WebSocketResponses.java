package com.stockpulse.functions.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import java.util.Map;
import java.util.Optional;

/** Reading API Gateway WebSocket events that may lack parts, and building their answers. */
final class WebSocketResponses {

    private WebSocketResponses() {
    }

    static APIGatewayV2WebSocketResponse of(int status, String body) {
        APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
        response.setStatusCode(status);
        response.setHeaders(Map.of("Content-Type", "text/plain; charset=utf-8"));
        response.setBody(body);
        return response;
    }

    static String connectionId(APIGatewayV2WebSocketEvent event) {
        return event == null || event.getRequestContext() == null ? null : event.getRequestContext().getConnectionId();
    }

    /** A header of the upgrade request, by name in any case (API Gateway passes them as the client sent them). */
    static Optional<String> header(APIGatewayV2WebSocketEvent event, String name) {
        if (event == null || event.getHeaders() == null) {
            return Optional.empty();
        }
        return event.getHeaders().entrySet().stream()
                .filter(entry -> entry.getKey() != null && entry.getKey().equalsIgnoreCase(name) && entry.getValue() != null)
                .map(Map.Entry::getValue)
                .findFirst();
    }

    static String queryParameter(APIGatewayV2WebSocketEvent event, String name) {
        return event == null || event.getQueryStringParameters() == null
                ? null : event.getQueryStringParameters().get(name);
    }
}
