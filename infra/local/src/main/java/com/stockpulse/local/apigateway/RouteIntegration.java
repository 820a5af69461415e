package com.stockpulse.local.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.stockpulse.local.apigateway.WebSocketEvents.RouteEvent;
import com.stockpulse.local.lambda.LambdaFunction;
import com.stockpulse.local.lambda.LocalLambdaContext;
import com.stockpulse.model.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lambda integration of each route, as API Gateway runs it: $connect while the upgrade waits, messages routed by
 * {@code $request.body.action} (with {@code $default} as fallback) and run apart from the socket's reader, $disconnect
 * after the close. A handler that throws, or answers something that is not a proxy response, is answered 500, as a
 * failed integration is.
 */
final class RouteIntegration implements AutoCloseable {

    /** What API Gateway reads of a Lambda proxy integration's answer. */
    record RouteAnswer(int statusCode, String body) {
        static final RouteAnswer FAILED = new RouteAnswer(500, "Internal server error");
        /** Past the integration timeout (29 s), whatever the function does after. */
        static final RouteAnswer TIMED_OUT = new RouteAnswer(504, "Endpoint request timed out");
    }

    private static final Logger LOG = LoggerFactory.getLogger(RouteIntegration.class);

    /** {@link WebSocketRoutes#STARTING} until the functions are ready. */
    private volatile WebSocketRoutes routes = WebSocketRoutes.STARTING;
    private final EmulatorSettings settings;
    private final ExecutorService invocations = Executors.newVirtualThreadPerTaskExecutor();
    /**
     * Message-route invocations running at once, as the account's Lambda concurrency bounds them on AWS; a frame that
     * arrives past it is answered at once with API Gateway's throttling error instead of a thread of its own.
     * $disconnect is never refused: there is at most one per socket.
     */
    private final Semaphore invoking;

    RouteIntegration(EmulatorSettings settings) {
        this.settings = settings;
        this.invoking = new Semaphore(settings.maxConcurrentInvocations());
    }

    /** From now on each route invokes its handler in {@code integrated}. */
    void integrate(WebSocketRoutes integrated) {
        this.routes = integrated;
    }

    /** $connect, in the caller's thread: the upgrade waits for its answer. */
    RouteAnswer connect(RouteEvent event) {
        return invoke(routes.connect(), "$connect", event);
    }

    /**
     * A client's message, run on its own virtual thread. {@code eventFor} builds the event for the route the message
     * goes to; {@code gatewayError} gets what API Gateway would send the client when the integration cannot take the
     * message ("Too Many Requests") or fails on it.
     */
    void message(String body, Function<String, RouteEvent> eventFor, BiConsumer<RouteEvent, String> gatewayError) {
        String action = actionOf(body);
        WebSocketRoutes current = routes;
        LambdaFunction handler = current.forAction(action);
        String routeKey = current.routeKey(action);
        RouteEvent event = eventFor.apply(routeKey);
        if (!invoking.tryAcquire()) {
            gatewayError.accept(event, "Too Many Requests");
            return;
        }
        try {
            invocations.execute(() -> {
                try {
                    RouteAnswer answer = invoke(handler, routeKey, event);
                    if (answer.statusCode() >= 500) {
                        gatewayError.accept(event, answer.body());
                    }
                } finally {
                    invoking.release();
                }
            });
        } catch (RejectedExecutionException e) {
            invoking.release(); // the emulator is closing
        }
    }

    /**
     * $disconnect, after the socket closed, on a thread of its own. API Gateway ignores its answer, so it is not
     * waited for with a timeout (and not given up at a shutdown between two submits).
     */
    void disconnect(RouteEvent event) {
        LambdaFunction handler = routes.disconnect();
        invocations.execute(() -> {
            try {
                handler.invoke(event.json(), new LocalLambdaContext("$disconnect", settings.functionTimeout()));
            } catch (RuntimeException e) {
                LOG.error("route $disconnect failed for " + event.connectionId(), e);
            }
        });
    }

    /**
     * Invokes the route's function and waits for it at most the integration timeout, as API Gateway does; a function
     * still running then goes on (to its own timeout) while the client gets the gateway's answer.
     */
    private RouteAnswer invoke(LambdaFunction handler, String route, RouteEvent event) {
        byte[] answer;
        Future<byte[]> invocation;
        try {
            invocation = invocations.submit(
                    () -> handler.invoke(event.json(), new LocalLambdaContext(route, settings.functionTimeout())));
        } catch (RejectedExecutionException e) {
            return RouteAnswer.FAILED;   // the emulator is closing
        }
        try {
            answer = invocation.get(settings.integrationTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            LOG.warn("route {} took longer than the integration timeout of {} for {}", route,
                    settings.integrationTimeout(), event.connectionId());
            return RouteAnswer.TIMED_OUT;
        } catch (ExecutionException e) {
            LOG.error("route " + route + " failed for " + event.connectionId(), e.getCause());
            return RouteAnswer.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RouteAnswer.FAILED;
        }
        return answerOf(route, event, answer);
    }

    /**
     * What API Gateway makes of a proxy integration's answer: no answer ({@code null}) or no status (0, as a Java
     * handler answers when it sets none) is a success; a status it cannot read, or JSON that does not parse, fails
     * the integration.
     */
    static RouteAnswer answerOf(String route, RouteEvent event, byte[] answer) {
        JsonNode response;
        try {
            response = answer.length == 0 ? null : Json.mapper().readTree(answer);
        } catch (IOException e) {
            LOG.error("route " + route + " answered JSON that does not parse for " + event.connectionId(), e);
            return RouteAnswer.FAILED;
        }
        if (response == null || response.isNull()) {
            return new RouteAnswer(200, "");
        }
        JsonNode status = response.path("statusCode");
        if (status.isMissingNode() || status.isNull() || (status.isInt() && status.intValue() == 0)) {
            return new RouteAnswer(200, response.path("body").asText(""));
        }
        if (!status.isInt() || status.intValue() < 100 || status.intValue() > 599) {
            LOG.error("route {} answered a statusCode API Gateway cannot use for {}: {}", route,
                    event.connectionId(), new String(answer, StandardCharsets.UTF_8));
            return RouteAnswer.FAILED;
        }
        return new RouteAnswer(status.intValue(), response.path("body").asText(""));
    }

    private static String actionOf(String body) {
        try {
            JsonNode action = Json.mapper().readTree(body).path("action");
            return action.isTextual() ? action.textValue() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Waits for the invocations under way (the $disconnects of the sockets just closed), at most 5 s. */
    @Override
    public void close() {
        invocations.shutdown();
        try {
            if (!invocations.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("route invocations still running 5 s after the WebSocket API stopped");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
