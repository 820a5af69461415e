package com.stockpulse.functions.store;

/**
 * A store could not be reached or refused for now (throttling, 5xx, network, transaction conflict). Temporary:
 * the same call may succeed later, so stream records that meet it are retried, never skipped.
 */
public final class StoreUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
