package com.stockpulse.local.runtime;

/** The local runtime cannot start: a port is taken, Node is missing, a child process died. The message says what to do. */
public final class StartupFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StartupFailedException(String message) {
        super(message);
    }

    public StartupFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
