package com.stockpulse.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One frame a browser sends: {@code {"action":"sync","page":"/products/sku-1"}} or {@code {"action":"ping"}}.
 * {@code page} is optional on sync: a client that names the page it watches saves the server a read of the
 * connection row (the page is public, so a client naming another page only learns what that page shows anyway).
 */
public final class ClientRequest {

    private final ClientAction action;
    private final PageKey page;

    private ClientRequest(ClientAction action, PageKey page) {
        this.action = action;
        this.page = page;
    }

    public static ClientRequest of(ClientAction action) {
        return new ClientRequest(action, null);
    }

    public static ClientRequest sync(PageKey page) {
        return new ClientRequest(ClientAction.SYNC, page);
    }

    /** Parses a browser frame, or throws {@link InvalidMessageException} saying what is wrong with it. */
    public static ClientRequest fromJson(String body) {
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
        ClientAction parsed = ClientAction.of(action.textValue());
        JsonNode page = node.get("page");
        if (parsed != ClientAction.SYNC || page == null || page.isNull()) {
            return new ClientRequest(parsed, null);
        }
        if (!page.isTextual()) {
            throw new InvalidMessageException(InvalidMessageException.Problem.INVALID_FIELD, "page", "must be a string");
        }
        return new ClientRequest(parsed, PageKey.parse(page.textValue(), "page"));
    }

    public ClientAction action() {
        return action;
    }

    /** The page a sync names; empty when the client did not say. */
    public Optional<PageKey> page() {
        return Optional.ofNullable(page);
    }

    /** The frame as a browser sends it. */
    public String toJson() {
        return page == null
                ? "{\"action\":\"" + action.wireName() + "\"}"
                : "{\"action\":\"" + action.wireName() + "\",\"page\":" + Json.toString(page.value()) + "}";
    }
}
