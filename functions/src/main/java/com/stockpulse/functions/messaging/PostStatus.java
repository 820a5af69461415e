package com.stockpulse.functions.messaging;

/**
 * The outcome of one PostToConnection (or DeleteConnection), classified where the SDK exception arrives. Which ones
 * are worth retrying is the caller's decision: the fan-out retries THROTTLED and TEMPORARY_FAILURE only.
 */
public enum PostStatus {
    DELIVERED,
    /** 410: the socket is closed; delete its rows and go on. */
    GONE,
    /** 429: the account's rate or a slow client's full buffer; back off and retry. */
    THROTTLED,
    /** 413: over 128 KB; the same payload always fails. */
    PAYLOAD_TOO_LARGE,
    /** 5xx, timeouts, network: may succeed later. */
    TEMPORARY_FAILURE,
    /** 403 and other 4xx: retrying the same call fails the same way. */
    PERMANENT_FAILURE
}
