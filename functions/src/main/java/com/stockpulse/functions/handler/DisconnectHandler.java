package com.stockpulse.functions.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.stockpulse.functions.config.Wiring;
import com.stockpulse.functions.logging.LogFields;
import com.stockpulse.functions.store.StoreFailedException;
import com.stockpulse.functions.store.StoreUnavailableException;
import com.stockpulse.functions.viewer.ConnectionRegistry;
import com.stockpulse.model.FunctionAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code $disconnect}: removes the socket's rows. Best effort on AWS's side (it may never come), so rows also carry
 * a TTL and the fan-out deletes them on 410; idempotent on ours.
 */
public final class DisconnectHandler extends WebSocketHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DisconnectHandler.class);

    private final ConnectionRegistry registry;

    /** For Lambda: real clients from the environment, built once per container. */
    public DisconnectHandler() {
        this(Invocations.onLambda(FunctionAccess.DISCONNECT));
    }

    /** For a runtime that wires its own endpoints, such as the embedded local runtime. */
    public DisconnectHandler(Wiring wiring) {
        this(wiring.connectionRegistry(), Invocations.of(wiring));
    }

    DisconnectHandler(ConnectionRegistry registry, Invocations invocations) {
        super(invocations);
        this.registry = registry;
    }

    @Override
    APIGatewayV2WebSocketResponse answer(APIGatewayV2WebSocketEvent event) {
        String connectionId = WebSocketResponses.connectionId(event);
        if (connectionId == null || connectionId.isBlank()) {
            LOG.warn("$disconnect without a connection id");
            return WebSocketResponses.of(400, "connectionId: the request has no connection id");
        }
        try {
            int removed = registry.close(connectionId);
            return WebSocketResponses.of(200, "removed " + removed);
        } catch (StoreUnavailableException | StoreFailedException e) {
            LOG.warn("cannot remove connection {}; its TTL will: {}", LogFields.connection(connectionId), e.getMessage());
            return WebSocketResponses.of(500, "not removed");
        }
    }
}
