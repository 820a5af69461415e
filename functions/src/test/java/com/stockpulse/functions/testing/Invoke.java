package com.stockpulse.functions.testing;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.stockpulse.functions.events.BatchResponse;
import com.stockpulse.functions.events.StreamEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Invokes a stream handler as the Lambda runtime does: the event's JSON in, the answer's JSON out. */
public final class Invoke {

    private Invoke() {
    }

    /** {@code event}: the JSON as bytes, or a record of {@code functions.events} written as that JSON. */
    public static BatchResponse stream(RequestStreamHandler handler, Object event) {
        byte[] json = event == null ? new byte[0] : event instanceof byte[] bytes ? bytes : StreamEvents.toBytes(event);
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(json), answer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return StreamEvents.readResponse(answer.toByteArray());
    }
}
