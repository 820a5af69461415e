package com.stockpulse.functions.viewer;

import com.stockpulse.functions.metrics.Metrics;
import com.stockpulse.functions.store.Connection;
import com.stockpulse.functions.store.ConnectionStore;
import com.stockpulse.model.AllowedOrigins;
import com.stockpulse.model.InvalidMessageException;
import com.stockpulse.model.MetricName;
import com.stockpulse.model.PageKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Opens and closes viewers' connections: what $connect and $disconnect delegate to. */
public final class ConnectionRegistry {

    private final ConnectionStore connections;
    private final Duration ttl;
    private final AllowedOrigins origins;
    private final Metrics metrics;
    private final Clock clock;

    public ConnectionRegistry(ConnectionStore connections, Duration ttl, AllowedOrigins origins, Metrics metrics,
                              Clock clock) {
        this.connections = connections;
        this.ttl = ttl;
        this.origins = origins;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Stores the connection under its page, expiring after the TTL. Throws {@link OriginNotAllowedException} for a
     * page of another site and {@link InvalidMessageException} for a missing or invalid page, before anything is
     * written. {@code host} is the upgrade's {@code Host}: an {@code Origin} naming it is a script's, not a page's.
     */
    public PageKey open(String connectionId, String pageParameter, Optional<String> origin, Optional<String> host) {
        if (!origins.allows(origin, host)) {
            metrics.add(MetricName.CONNECTS_REFUSED_ORIGIN, 1);
            throw new OriginNotAllowedException(origin.orElseThrow());
        }
        if (connectionId == null || connectionId.isBlank()) {
            throw new InvalidMessageException(InvalidMessageException.Problem.MISSING_FIELD, "connectionId",
                    "the request has no connection id");
        }
        PageKey page;
        try {
            page = PageKey.parse(pageParameter, "page");
        } catch (InvalidMessageException e) {
            metrics.add(MetricName.CONNECTS_REFUSED_PAGE, 1);
            throw e;
        }
        Instant now = clock.instant();
        connections.add(new Connection(connectionId, page, now, now.plus(ttl)));
        metrics.add(MetricName.CONNECTS, 1);
        return page;
    }

    /** Removes every row of the connection; unknown ids and repeated calls are fine. */
    public int close(String connectionId) {
        if (connectionId == null || connectionId.isBlank()) {
            return 0;
        }
        int removed = connections.remove(connectionId);
        metrics.add(MetricName.DISCONNECTS, 1);
        return removed;
    }
}
