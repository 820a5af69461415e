package com.stockpulse.functions.store;

/**
 * A store refused a request for good (validation error, missing table, access denied). Permanent: retrying the same
 * request fails the same way, so it is logged and reported, not retried.
 */
public final class StoreFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
