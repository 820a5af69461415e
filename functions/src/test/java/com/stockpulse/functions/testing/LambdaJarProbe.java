package com.stockpulse.functions.testing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.stockpulse.functions.handler.ConnectHandler;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs in a JVM of its own on the Lambda jar (see LambdaJarIT): builds {@code $connect} through its Lambda
 * constructor, as the Lambda runtime does, and invokes it twice from a foreign origin, which it refuses without any
 * AWS call. What the jar's logging and metrics write goes to stdout, as on Lambda.
 */
public final class LambdaJarProbe {

    public static final String CONNECTION_ID = "probe-connection=";
    public static final String FOREIGN_ORIGIN = "https://evil.example";

    private LambdaJarProbe() {
    }

    public static void main(String[] args) {
        ConnectHandler handler = new ConnectHandler();
        for (String requestId : args) {
            APIGatewayV2WebSocketEvent event = new APIGatewayV2WebSocketEvent();
            APIGatewayV2WebSocketEvent.RequestContext request = new APIGatewayV2WebSocketEvent.RequestContext();
            request.setConnectionId(CONNECTION_ID);
            request.setRouteKey("$connect");
            event.setRequestContext(request);
            event.setHeaders(new HashMap<>(Map.of("Origin", FOREIGN_ORIGIN)));
            event.setQueryStringParameters(new HashMap<>(Map.of("page", "/products/sku-1")));
            int status = handler.handleRequest(event, context("Connect", requestId)).getStatusCode();
            if (status != 403) {
                throw new IllegalStateException("expected 403 for a foreign origin, got " + status);
            }
        }
    }

    /** The context the Lambda runtime would pass: what Powertools reads from it; nothing else is asked. */
    private static Context context(String functionName, String requestId) {
        Map<String, Object> answers = Map.of(
                "getAwsRequestId", requestId,
                "getFunctionName", functionName,
                "getFunctionVersion", "7",
                "getInvokedFunctionArn", "arn:aws:lambda:eu-west-1:123456789012:function:" + functionName + ":live",
                "getMemoryLimitInMB", 512,
                "getRemainingTimeInMillis", 10_000);
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "toString" -> "context of " + requestId;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> answers.get(method.getName());
                });
    }
}
