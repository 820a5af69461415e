package com.stockpulse.functions.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import java.util.Map;

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

    static String queryParameter(APIGatewayV2WebSocketEvent event, String name) {
        return event == null || event.getQueryStringParameters() == null
                ? null : event.getQueryStringParameters().get(name);
    }
}
