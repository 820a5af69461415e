package com.stockpulse.functions.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Reading a stream function's answer as a mapping does, and the warm-ups the handlers run at init. */
class StreamEventsTest {

    private static BatchResponse response(String json) {
        return StreamEvents.readResponse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readResponse_whenNoAnswerOrNull_isASuccess() {
        assertThat(response("").batchItemFailures()).isEmpty();
        assertThat(response("null").batchItemFailures()).isEmpty();
        assertThat(response("{}").batchItemFailures()).isEmpty();
    }

    @Test
    void readResponse_keepsANullEntry_soTheMappingFailsTheWholeBatchAsLambdaDoes() {
        assertThat(response("{\"batchItemFailures\":[null,{\"itemIdentifier\":\"7\"}]}").failedSequenceNumbers())
                .containsExactly(null, "7");
    }

    @Test
    void readResponse_whenNotAPartialBatchResponse_throwsSayingSo() {
        for (String json : new String[] {"not json", "{\"batchItemFailures\":\"x\"}", "[1]"}) {
            assertThatThrownBy(() -> response(json)).as(json).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("not a partial batch response");
        }
    }

    @Test
    void toBytes_writesThePartialBatchResponseInTheShapeLambdaReads() {
        assertThat(new String(StreamEvents.toBytes(BatchResponse.failing(Arrays.asList("1", "2"))),
                StandardCharsets.UTF_8))
                .isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"1\"},{\"itemIdentifier\":\"2\"}]}");
    }

    @Test
    void warmUps_readTheirSamplesWithoutError() {
        assertThatCode(StreamEvents::warmUpKinesis).doesNotThrowAnyException();
        assertThatCode(StreamEvents::warmUpDynamoDb).doesNotThrowAnyException();
    }
}
