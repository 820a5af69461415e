package com.stockpulse.functions.messaging;

import java.util.function.BiFunction;

/** A messenger written as a lambda for a test that only posts; closing a socket is not part of such a test. */
public final class PostingOnly {

    private PostingOnly() {
    }

    public static ConnectionMessenger of(BiFunction<String, byte[], PostStatus> post) {
        return new ConnectionMessenger() {
            @Override
            public PostStatus post(String connectionId, byte[] payload) {
                return post.apply(connectionId, payload);
            }

            @Override
            public PostStatus disconnect(String connectionId) {
                throw new UnsupportedOperationException("this test's messenger only posts");
            }
        };
    }
}
