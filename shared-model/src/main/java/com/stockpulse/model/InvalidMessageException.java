package com.stockpulse.model;

/**
 * A message from outside (a Kinesis record, a browser frame, a query parameter) that we refuse, with the field at
 * fault and the reason in words. Permanent: sending the same bytes again fails the same way.
 */
public final class InvalidMessageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What kind of problem, stable enough for a browser or a counter to switch on. */
    public enum Problem {
        MALFORMED_JSON,
        TOO_LARGE,
        MISSING_FIELD,
        INVALID_FIELD,
        UNKNOWN_VALUE
    }

    private final Problem problem;
    private final String field;
    private final String reason;

    public InvalidMessageException(Problem problem, String field, String reason) {
        super(field + ": " + reason);
        this.problem = problem;
        this.field = field;
        this.reason = reason;
    }

    public Problem problem() {
        return problem;
    }

    /** The JSON field (or query parameter) at fault; {@code $} for the message as a whole. */
    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
