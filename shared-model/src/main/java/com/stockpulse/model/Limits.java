package com.stockpulse.model;

/** Size and range limits of the wire contracts, in one place so producers, handlers and tests agree. */
public final class Limits {

    /** A sale event is a few hundred bytes; anything near a Kinesis record's 1 MB is not one of ours. */
    public static final int MAX_SALE_EVENT_BYTES = 8 * 1024;
    /** Browsers send {@code sync} and {@code ping}; 4 KB leaves room for future fields and refuses junk early. */
    public static final int MAX_CLIENT_MESSAGE_BYTES = 4 * 1024;
    /** The largest quantity one event may carry: more than this in one go is a typo or an attack. */
    public static final long MAX_QUANTITY = 1_000_000;
    public static final int MAX_SKU_LENGTH = 64;
    public static final int MAX_COLLECTION_NAME_LENGTH = 64;
    public static final int MAX_PAGE_KEY_LENGTH = 128;
    public static final int MAX_EVENT_ID_LENGTH = 128;
    public static final int MAX_SOURCE_LENGTH = 64;
    /** API Gateway refuses PostToConnection payloads over 128 KB (413). */
    public static final int MAX_POST_BYTES = 128 * 1024;

    private Limits() {
    }
}
