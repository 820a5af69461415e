package com.stockpulse.functions.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InMemoryConnectionMessengerTest extends ConnectionMessengerContract {

    private InMemoryConnectionMessenger twin;

    @Override
    protected ConnectionMessenger messenger(List<String> open) {
        twin = InMemoryConnectionMessenger.create();
        // The twin accepts any id unless told it is gone: mark the ids the contract will use as gone.
        twin.markGone("gone-one");
        twin.markGone("never-opened");
        return twin;
    }

    @Override
    protected List<String> received(String connectionId) {
        return twin.messagesTo(connectionId);
    }

    @Test
    void throttling_answers429ToRoughlyTheShareAsked() {
        InMemoryConnectionMessenger throttling = InMemoryConnectionMessenger.throttling(0.2);
        byte[] payload = "{}".getBytes(StandardCharsets.UTF_8);

        long throttled = IntStream.range(0, 10_000)
                .filter(i -> throttling.post("c" + i, payload) == PostStatus.THROTTLED).count();

        assertThat(throttled).isBetween(1_700L, 2_300L);
        assertThat(throttling.throttledCalls()).isEqualTo(throttled);
    }
}
