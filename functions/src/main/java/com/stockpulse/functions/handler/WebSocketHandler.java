package com.stockpulse.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;

/**
 * A handler of one of the WebSocket API's routes ($connect, $disconnect, messages): each invocation is framed the
 * same way ({@link Invocations}); what it answers is the route's own.
 */
public abstract class WebSocketHandler
        implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {

    private final Invocations invocations;

    WebSocketHandler(Invocations invocations) {
        this.invocations = invocations;
    }

    @Override
    public final APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        return invocations.run(context, () -> answer(event));
    }

    abstract APIGatewayV2WebSocketResponse answer(APIGatewayV2WebSocketEvent event);
}
