package com.stockpulse.functions.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.stockpulse.functions.config.Wiring;
import com.stockpulse.functions.viewer.ViewerRequests;
import com.stockpulse.model.FunctionAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code $default} and {@code sync}: every frame a browser sends. Answers are posted to the sender only. */
public final class MessageHandler extends WebSocketHandler {

    private static final Logger LOG = LoggerFactory.getLogger(MessageHandler.class);

    private final ViewerRequests requests;

    /** For Lambda: real clients from the environment, built once per container. */
    public MessageHandler() {
        this(Invocations.onLambda(FunctionAccess.MESSAGE));
    }

    /** For a runtime that wires its own endpoints, such as the embedded local runtime. */
    public MessageHandler(Wiring wiring) {
        this(wiring.viewerRequests(), Invocations.of(wiring));
    }

    MessageHandler(ViewerRequests requests, Invocations invocations) {
        super(invocations);
        this.requests = requests;
    }

    @Override
    APIGatewayV2WebSocketResponse answer(APIGatewayV2WebSocketEvent event) {
        String connectionId = WebSocketResponses.connectionId(event);
        if (connectionId == null || connectionId.isBlank()) {
            LOG.warn("message without a connection id");
            return WebSocketResponses.of(400, "connectionId: the request has no connection id");
        }
        requests.handle(connectionId, event.getBody());
        return WebSocketResponses.of(200, "ok");
    }
}
