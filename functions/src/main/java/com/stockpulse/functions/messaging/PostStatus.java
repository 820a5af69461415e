package com.stockpulse.functions.messaging;

/** The outcome of one PostToConnection, classified where the SDK exception arrives. */
public enum PostStatus {
    DELIVERED(false),
    /** 410: the socket is closed; delete its rows and go on. */
    GONE(false),
    /** 429: the account's rate or a slow client's full buffer; back off and retry. */
    THROTTLED(true),
    /** 413: over 128 KB; the same payload always fails. */
    PAYLOAD_TOO_LARGE(false),
    /** 5xx, timeouts, network: may succeed later. */
    TEMPORARY_FAILURE(true),
    /** 403 and other 4xx: retrying the same call fails the same way. */
    PERMANENT_FAILURE(false);

    private final boolean temporary;

    PostStatus(boolean temporary) {
        this.temporary = temporary;
    }

    public boolean isTemporary() {
        return temporary;
    }
}
