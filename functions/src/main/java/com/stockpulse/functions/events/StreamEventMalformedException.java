package com.stockpulse.functions.events;

/**
 * An invocation whose event is not the JSON its function takes (AWS never sends one; a hand-made test invocation
 * may). Permanent: the same bytes fail the same way.
 */
public final class StreamEventMalformedException extends RuntimeException {

    public StreamEventMalformedException(String message, Throwable cause) {
        super(message, cause);
    }
}
