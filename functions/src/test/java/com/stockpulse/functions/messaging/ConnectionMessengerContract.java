package com.stockpulse.functions.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.stockpulse.model.Limits;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link ConnectionMessenger} promises; run against the twin and the SDK client over HTTP. */
public abstract class ConnectionMessengerContract {

    /** A messenger for which {@code open} connections accept posts and every other id is gone. */
    protected abstract ConnectionMessenger messenger(List<String> open);

    protected abstract List<String> received(String connectionId);

    @Test
    public void post_whenOpen_deliversTheBytesAsText() {
        ConnectionMessenger messenger = messenger(List.of("c1"));

        PostStatus status = messenger.post("c1", "{\"type\":\"pong\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(PostStatus.DELIVERED);
        assertThat(received("c1")).containsExactly("{\"type\":\"pong\"}");
    }

    @Test
    public void post_whenGone_isGone() {
        ConnectionMessenger messenger = messenger(List.of("c1"));

        PostStatus status = messenger.post("gone-one", "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(PostStatus.GONE);
    }

    @Test
    public void post_whenOver128Kilobytes_isPayloadTooLarge() {
        ConnectionMessenger messenger = messenger(List.of("c1"));

        PostStatus status = messenger.post("c1", new byte[Limits.MAX_POST_BYTES + 1]);

        assertThat(status).isEqualTo(PostStatus.PAYLOAD_TOO_LARGE);
        assertThat(received("c1")).isEmpty();
    }

    @Test
    public void disconnect_whenOpen_closesItSoTheNextPostIsGone() {
        ConnectionMessenger messenger = messenger(List.of("c1", "c2"));

        PostStatus closed = messenger.disconnect("c1");

        assertThat(closed).isEqualTo(PostStatus.DELIVERED);
        assertThat(messenger.post("c1", "{}".getBytes(StandardCharsets.UTF_8))).isEqualTo(PostStatus.GONE);
        assertThat(messenger.post("c2", "{}".getBytes(StandardCharsets.UTF_8))).isEqualTo(PostStatus.DELIVERED);
    }

    @Test
    public void disconnect_whenAlreadyClosed_isGone() {
        ConnectionMessenger messenger = messenger(List.of("c1"));

        assertThat(messenger.disconnect("never-opened")).isEqualTo(PostStatus.GONE);
    }
}
