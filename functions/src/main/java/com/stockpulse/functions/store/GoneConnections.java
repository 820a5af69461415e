package com.stockpulse.functions.store;

import com.stockpulse.functions.logging.LogFields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/** What to do when API Gateway answers 410 Gone: the socket is closed for good, so its rows go. */
public final class GoneConnections {

    private static final Logger LOG = LoggerFactory.getLogger(GoneConnections.class);

    private GoneConnections() {
    }

    /**
     * Removes the connection's rows. A store failure is logged, not thrown: the delivery to everyone else goes on,
     * the next post to this connection meets the same 410 and tries again, and the rows' TTL removes them at the latest.
     */
    public static void remove(ConnectionStore connections, String connectionId) {
        attempt(connectionId, () -> connections.remove(connectionId));
    }

    /** The same for a connection known by its page row, which goes even when its connection row is missing. */
    public static void remove(ConnectionStore connections, Connection connection) {
        attempt(connection.connectionId(), () -> connections.remove(connection));
    }

    private static void attempt(String connectionId, Runnable removal) {
        try {
            removal.run();
        } catch (StoreUnavailableException | StoreFailedException e) {
            LOG.warn("cannot remove gone connection {} for now: {}", LogFields.connection(connectionId), e.getMessage());
        }
    }
}
