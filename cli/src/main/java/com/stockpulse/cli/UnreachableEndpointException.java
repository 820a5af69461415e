package com.stockpulse.cli;

/** An endpoint did not answer; the message names it and says what to check. Exit code 3. */
public final class UnreachableEndpointException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnreachableEndpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
