package com.stockpulse.local.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.stockpulse.functions.events.BatchResponse;
import com.stockpulse.functions.events.StreamEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.BiFunction;

/**
 * Handlers invoked as the Lambda runtime invokes them, so local runs read the bytes AWS sends: a
 * {@link RequestStreamHandler} gets the event's JSON as it is; a {@link RequestHandler} gets it through the
 * runtime's own serializer ({@code aws-lambda-java-serialization}), chosen as the runtime interface client chooses
 * it (Lambda's event serializers for the events they know, plain Jackson otherwise), and its answer goes back to
 * JSON the same way.
 */
public final class LocalFunctions {

    private LocalFunctions() {
    }

    public static LambdaFunction of(RequestStreamHandler handler) {
        return (event, context) -> {
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            try {
                handler.handleRequest(new ByteArrayInputStream(event), answer, context);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return answer.toByteArray();
        };
    }

    public static <I, O> LambdaFunction of(RequestHandler<I, O> handler, Class<I> input, Class<O> output) {
        PojoSerializer<I> events = serializerFor(input);
        PojoSerializer<O> answers = serializerFor(output);
        return (event, context) -> {
            O answer = handler.handleRequest(events.fromJson(new ByteArrayInputStream(event)), context);
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            answers.toJson(answer, json);
            return json.toByteArray();
        };
    }

    /**
     * A stream function as an event source mapping calls it: the batch written as the JSON Lambda sends, the
     * partial batch response read back from the function's JSON.
     */
    public static <E> BiFunction<E, Context, BatchResponse> streamFunction(RequestStreamHandler handler) {
        LambdaFunction function = of(handler);
        return (batch, context) -> StreamEvents.readResponse(function.invoke(StreamEvents.toBytes(batch), context));
    }

    private static <T> PojoSerializer<T> serializerFor(Class<T> type) {
        return LambdaEventSerializers.isLambdaSupportedEvent(type.getName())
                ? LambdaEventSerializers.serializerFor(type, type.getClassLoader())
                : JacksonFactory.getInstance().getSerializer(type);
    }
}
