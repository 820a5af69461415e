package com.stockpulse.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** What a browser may ask: {@code {"action":"sync"}} or {@code {"action":"ping"}}. */
public enum ClientAction {
    SYNC,
    PING;

    /** Parses a browser frame, or throws {@link InvalidMessageException} saying what is wrong with it. */
    public static ClientAction fromJson(String body) {
        if (body == null || body.isEmpty()) {
            throw new InvalidMessageException(InvalidMessageException.Problem.MALFORMED_JSON, "$", "empty message");
        }
        // A UTF-8 character takes at most 3 bytes per UTF-16 unit: only count bytes when the length could exceed.
        if (body.length() * 3L > Limits.MAX_CLIENT_MESSAGE_BYTES) {
            int bytes = body.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > Limits.MAX_CLIENT_MESSAGE_BYTES) {
                throw new InvalidMessageException(InvalidMessageException.Problem.TOO_LARGE, "$",
                        "a message has at most " + Limits.MAX_CLIENT_MESSAGE_BYTES + " bytes, got " + bytes);
            }
        }
        JsonNode node = Json.readObject(body.getBytes(StandardCharsets.UTF_8));
        JsonNode action = node.get("action");
        if (action == null || action.isNull()) {
            throw new InvalidMessageException(InvalidMessageException.Problem.MISSING_FIELD, "action", "is required");
        }
        if (!action.isTextual()) {
            throw new InvalidMessageException(InvalidMessageException.Problem.INVALID_FIELD, "action",
                    "must be a string");
        }
        return switch (action.textValue()) {
            case "sync" -> SYNC;
            case "ping" -> PING;
            default -> throw new InvalidMessageException(InvalidMessageException.Problem.UNKNOWN_VALUE, "action",
                    "unknown action '" + abbreviate(action.textValue()) + "', expected sync or ping");
        };
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    private static String abbreviate(String text) {
        return text.length() <= 32 ? text : text.substring(0, 32) + "…";
    }
}
