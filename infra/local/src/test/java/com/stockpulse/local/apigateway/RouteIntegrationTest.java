package com.stockpulse.local.apigateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How the emulator reads a route handler's answer, as API Gateway reads a Lambda proxy integration's. */
class RouteIntegrationTest {

    private static final WebSocketEvents.RouteEvent EVENT = new WebSocketEvents.RouteEvent("c1", "r1", new byte[0]);

    private static RouteIntegration.RouteAnswer answer(String json) {
        return RouteIntegration.answerOf("$connect", EVENT, json.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "null", "{}", "{\"statusCode\":0}", "{\"statusCode\":null,\"body\":\"ok\"}"})
    void answerOf_whenNoAnswerOrNoStatus_isASuccess(String json) {
        assertThat(answer(json).statusCode()).isEqualTo(200);
    }

    @Test
    void answerOf_whenAStatusAndBody_takesBoth() {
        assertThat(answer("{\"statusCode\":403,\"body\":\"origin not allowed\"}"))
                .isEqualTo(new RouteIntegration.RouteAnswer(403, "origin not allowed"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{\"statusCode\":\"200\"}", "{\"statusCode\":99}", "{\"statusCode\":600}",
            "{\"statusCode\":2.5}"})
    void answerOf_whenTheAnswerIsNotAProxyResponse_failsTheIntegration(String json) {
        assertThat(answer(json)).isEqualTo(RouteIntegration.RouteAnswer.FAILED);
    }
}
