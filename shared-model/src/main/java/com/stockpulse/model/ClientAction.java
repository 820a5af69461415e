package com.stockpulse.model;

import java.util.Locale;

/** What a browser may ask: {@code sync} or {@code ping}; the whole frame is a {@link ClientRequest}. */
public enum ClientAction {
    SYNC,
    PING;

    /** Parses a browser frame, or throws {@link InvalidMessageException} saying what is wrong with it. */
    public static ClientAction fromJson(String body) {
        return ClientRequest.fromJson(body).action();
    }

    static ClientAction of(String wireName) {
        return switch (wireName) {
            case "sync" -> SYNC;
            case "ping" -> PING;
            default -> throw new InvalidMessageException(InvalidMessageException.Problem.UNKNOWN_VALUE, "action",
                    "unknown action " + Untrusted.quote(wireName) + ", expected sync or ping");
        };
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

}
