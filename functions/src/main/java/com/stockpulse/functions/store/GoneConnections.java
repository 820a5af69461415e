package com.stockpulse.functions.store;

import java.lang.System.Logger.Level;

/** What to do when API Gateway answers 410 Gone: the socket is closed for good, so its rows go. */
public final class GoneConnections {

    private static final System.Logger LOG = System.getLogger(GoneConnections.class.getName());

    private GoneConnections() {
    }

    /**
     * Removes the connection's rows. A store failure is logged, not thrown: the delivery to everyone else goes on,
     * the next post to this connection meets the same 410 and tries again, and the rows' TTL removes them at the latest.
     */
    public static void remove(ConnectionStore connections, String connectionId) {
        try {
            connections.remove(connectionId);
        } catch (StoreUnavailableException | StoreFailedException e) {
            LOG.log(Level.WARNING, "cannot remove gone connection {0} for now: {1}", connectionId, e.getMessage());
        }
    }
}
