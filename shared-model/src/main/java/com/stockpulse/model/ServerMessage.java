package com.stockpulse.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Everything the server sends to a browser, told apart by {@code type}. Serialize with {@link Json#toBytes}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = StockMessage.class, name = "stock"),
        @JsonSubTypes.Type(value = SnapshotMessage.class, name = "snapshot"),
        @JsonSubTypes.Type(value = ErrorMessage.class, name = "error"),
        @JsonSubTypes.Type(value = PongMessage.class, name = "pong")
})
public sealed interface ServerMessage permits StockMessage, SnapshotMessage, ErrorMessage, PongMessage {
}
