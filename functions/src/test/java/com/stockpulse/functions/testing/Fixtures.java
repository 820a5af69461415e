package com.stockpulse.functions.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Real event JSON from src/test/resources/events: the WebSocket events read by the same serialization the Lambda
 * runtime uses, the stream events as the bytes the stream handlers read.
 */
public final class Fixtures {

    private Fixtures() {
    }

    public static APIGatewayV2WebSocketEvent webSocket(String name) {
        return EventLoader.loadEvent("events/" + name, APIGatewayV2WebSocketEvent.class);
    }

    /** The file's bytes, as Lambda would pass them to a stream handler. */
    public static byte[] json(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/events/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no event resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
