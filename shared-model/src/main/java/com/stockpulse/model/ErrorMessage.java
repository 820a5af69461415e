package com.stockpulse.model;

/** Sent to one sender only, never broadcast. {@code code} is stable; {@code message} is for people. */
public record ErrorMessage(String code, String message) implements ServerMessage {

    public static final String UNKNOWN_PAGE = "UNKNOWN_PAGE";
    public static final String NOT_CONNECTED = "NOT_CONNECTED";
    public static final String UNAVAILABLE = "UNAVAILABLE";
    /** The connection sent more messages than it may; more of them close it. */
    public static final String RATE_LIMITED = "RATE_LIMITED";

    public static ErrorMessage of(InvalidMessageException e) {
        return new ErrorMessage(e.problem().name(), e.getMessage());
    }
}
