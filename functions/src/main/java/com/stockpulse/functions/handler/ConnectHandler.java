package com.stockpulse.functions.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.stockpulse.functions.config.Wiring;
import com.stockpulse.functions.logging.LogFields;
import com.stockpulse.functions.store.StoreFailedException;
import com.stockpulse.functions.store.StoreUnavailableException;
import com.stockpulse.functions.viewer.ConnectionRegistry;
import com.stockpulse.functions.viewer.OriginNotAllowedException;
import com.stockpulse.model.FunctionAccess;
import com.stockpulse.model.InvalidMessageException;
import com.stockpulse.model.PageKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code $connect}: registers the socket under its {@code ?page=}. A non-2xx answer makes API Gateway refuse the
 * upgrade. Nothing is posted here: a connection cannot receive until $connect returns, so values come on sync.
 */
public final class ConnectHandler extends WebSocketHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectHandler.class);

    private final ConnectionRegistry registry;

    /** For Lambda: real clients from the environment, built once per container. */
    public ConnectHandler() {
        this(Invocations.onLambda(FunctionAccess.CONNECT));
    }

    /** For a runtime that wires its own endpoints, such as the embedded local runtime. */
    public ConnectHandler(Wiring wiring) {
        this(wiring.connectionRegistry(), Invocations.of(wiring));
    }

    ConnectHandler(ConnectionRegistry registry, Invocations invocations) {
        super(invocations);
        this.registry = registry;
    }

    @Override
    APIGatewayV2WebSocketResponse answer(APIGatewayV2WebSocketEvent event) {
        String connectionId = WebSocketResponses.connectionId(event);
        try {
            PageKey page = registry.open(connectionId, WebSocketResponses.queryParameter(event, "page"),
                    WebSocketResponses.header(event, "Origin"), WebSocketResponses.header(event, "Host"));
            return WebSocketResponses.of(200, "watching " + page);
        } catch (OriginNotAllowedException e) {
            LOG.info("refused connection {}: {}", LogFields.connection(connectionId), e.getMessage());
            return WebSocketResponses.of(403, e.getMessage());
        } catch (InvalidMessageException e) {
            LOG.info("refused connection {}: {}", LogFields.connection(connectionId), e.getMessage());
            return WebSocketResponses.of(400, e.getMessage());
        } catch (StoreUnavailableException e) {
            LOG.warn("cannot register connection {} for now: {}", LogFields.connection(connectionId), e.getMessage());
            return WebSocketResponses.of(503, "try again");
        } catch (StoreFailedException e) {
            LOG.error("cannot register connection {}", LogFields.connection(connectionId), e);
            return WebSocketResponses.of(500, "cannot connect");
        }
    }
}
