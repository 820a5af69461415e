package com.stockpulse.cli;

/** What a script can rely on. picocli answers 2 for bad arguments itself. */
public final class ExitCodes {

    public static final int OK = 0;
    /**
     * A check failed. loadtest: a client's last value differs from the table's, or the events do not add up to the
     * change; smoke: the viewer did not show the SET in time.
     */
    public static final int CHECK_FAILED = 1;
    public static final int BAD_ARGUMENTS = 2;
    /** An endpoint (Kinesis, DynamoDB, the WebSocket API, CloudFormation) could not be reached. */
    public static final int UNREACHABLE = 3;
    /** loadtest: connect or put failures above --max-error-rate. */
    public static final int TOO_MANY_ERRORS = 4;

    private ExitCodes() {
    }
}
