package com.stockpulse.local.apigateway;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import org.eclipse.jetty.websocket.api.Session;

/** One client socket as API Gateway tracks it: its id, who it is, and whether it can be posted to yet. */
final class LiveConnection {

    final String connectionId;
    final Instant connectedAt;
    final String sourceIp;
    final String userAgent;
    final Map<String, List<String>> headers;
    final Map<String, List<String>> query;
    volatile Session session;
    volatile Instant lastActiveAt;
    volatile ScheduledFuture<?> hardClose;

    LiveConnection(String connectionId, Instant connectedAt, String sourceIp, String userAgent,
                   Map<String, List<String>> headers, Map<String, List<String>> query) {
        this.connectionId = connectionId;
        this.connectedAt = connectedAt;
        this.lastActiveAt = connectedAt;
        this.sourceIp = sourceIp;
        this.userAgent = userAgent;
        this.headers = headers;
        this.query = query;
    }

    /** Posts are refused (410) until the upgrade completed, as on AWS during $connect. */
    boolean isOpen() {
        Session current = session;
        return current != null && current.isOpen();
    }
}
