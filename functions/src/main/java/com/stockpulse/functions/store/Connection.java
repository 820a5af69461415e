package com.stockpulse.functions.store;

import com.stockpulse.model.PageKey;
import java.time.Instant;
import java.util.Objects;

/** A browser socket watching one page, kept until {@code expiresAt} unless $disconnect removes it earlier. */
public record Connection(String connectionId, PageKey page, Instant connectedAt, Instant expiresAt) {

    public Connection {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(page, "page");
        Objects.requireNonNull(connectedAt, "connectedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
