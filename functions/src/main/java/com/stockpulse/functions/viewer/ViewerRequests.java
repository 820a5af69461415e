package com.stockpulse.functions.viewer;

import com.stockpulse.functions.logging.LogFields;
import com.stockpulse.functions.messaging.ConnectionMessenger;
import com.stockpulse.functions.messaging.PostStatus;
import com.stockpulse.functions.metrics.Metrics;
import com.stockpulse.functions.store.ConnectionStore;
import com.stockpulse.functions.store.GoneConnections;
import com.stockpulse.functions.store.PageDirectory;
import com.stockpulse.functions.store.StockStore;
import com.stockpulse.functions.store.StoreFailedException;
import com.stockpulse.functions.store.StoreUnavailableException;
import com.stockpulse.model.ClientRequest;
import com.stockpulse.model.ErrorMessage;
import com.stockpulse.model.InvalidMessageException;
import com.stockpulse.model.Json;
import com.stockpulse.model.Limits;
import com.stockpulse.model.MetricName;
import com.stockpulse.model.PageKey;
import com.stockpulse.model.PongMessage;
import com.stockpulse.model.ServerMessage;
import com.stockpulse.model.SnapshotMessage;
import com.stockpulse.model.StockLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers what a browser sends after the socket opened: {@code sync} gets a snapshot of the page it names (or of
 * every page the connection watches), {@code ping} gets {@code pong}, anything else an {@code error}. Answers go to the sender only.
 */
public final class ViewerRequests {

    private static final Logger LOG = LoggerFactory.getLogger(ViewerRequests.class);

    private final ConnectionStore connections;
    private final PageDirectory pages;
    private final StockStore stock;
    private final ConnectionMessenger messenger;
    private final MessageRateLimiter limiter;
    private final Metrics metrics;

    public ViewerRequests(ConnectionStore connections, PageDirectory pages, StockStore stock,
                          ConnectionMessenger messenger, MessageRateLimiter limiter, Metrics metrics) {
        this.connections = connections;
        this.pages = pages;
        this.stock = stock;
        this.messenger = messenger;
        this.limiter = limiter;
        this.metrics = metrics;
    }

    /** Answers one frame and returns what was sent, in order; a socket past its limit is refused or closed. */
    public List<ServerMessage> handle(String connectionId, String body) {
        MessageRateLimiter.Verdict verdict = limiter.admit(connectionId);
        if (verdict != MessageRateLimiter.Verdict.ALLOWED) {
            metrics.add(MetricName.MESSAGES_RATE_LIMITED, 1);
        }
        List<ServerMessage> answers = switch (verdict) {
            case ALLOWED -> answer(connectionId, body);
            case REFUSED_WITH_ERROR -> List.of(new ErrorMessage(ErrorMessage.RATE_LIMITED,
                    "too many messages from this connection; slow down, or it will be closed"));
            case REFUSED -> List.of();
            case CLOSE -> {
                close(connectionId);
                yield List.of();
            }
        };
        for (ServerMessage answer : answers) {
            PostStatus status = messenger.post(connectionId, Json.toBytes(answer));
            if (status == PostStatus.GONE) {
                GoneConnections.remove(connections, connectionId);
                break;
            }
            if (status != PostStatus.DELIVERED) {
                LOG.warn("answer to {} not delivered: {}", LogFields.connection(connectionId), status);
            }
        }
        return answers;
    }

    /** A client that keeps sending past the limit after its error: the socket is closed and its rows go. */
    private void close(String connectionId) {
        LOG.warn("closing {}: it kept sending past its message limit", LogFields.connection(connectionId));
        PostStatus status = messenger.disconnect(connectionId);
        if (status == PostStatus.DELIVERED || status == PostStatus.GONE) {
            metrics.add(MetricName.SOCKETS_CLOSED_ABUSIVE, 1);
            GoneConnections.remove(connections, connectionId);
        } else {
            limiter.closeFailed(connectionId);
            LOG.warn("cannot close {} for now: {}; its next refused message tries again",
                    LogFields.connection(connectionId), status);
        }
    }

    private List<ServerMessage> answer(String connectionId, String body) {
        ClientRequest request;
        try {
            request = ClientRequest.fromJson(body);
        } catch (InvalidMessageException e) {
            metrics.add(MetricName.MESSAGES_REFUSED_INVALID, 1);
            return List.of(ErrorMessage.of(e));
        }
        return switch (request.action()) {
            case PING -> List.of(new PongMessage());
            case SYNC -> sync(connectionId, request.page());
        };
    }

    /**
     * A sync that names its page costs one read of stock (plus one of the catalog for a listing); one that does not
     * reads the connection's rows first to learn its pages.
     */
    private List<ServerMessage> sync(String connectionId, Optional<PageKey> named) {
        metrics.add(MetricName.SYNCS, 1);
        try {
            List<PageKey> watched = named.map(List::of).orElseGet(() -> connections.pagesOf(connectionId));
            if (watched.isEmpty()) {
                return List.of(new ErrorMessage(ErrorMessage.NOT_CONNECTED,
                        "this connection is not registered for any page; reconnect with ?page=/products/{sku}"));
            }
            List<ServerMessage> answers = new ArrayList<>(watched.size());
            for (PageKey page : watched) {
                List<StockLevel> levels = stock.getAll(pages.skusOn(page));
                if (levels.isEmpty()) {
                    answers.add(new ErrorMessage(ErrorMessage.UNKNOWN_PAGE, "no stock is known for " + page));
                } else {
                    // A big listing's snapshot goes in numbered parts that each fit in one post.
                    answers.addAll(SnapshotMessage.split(page.value(), levels, Limits.MAX_POST_BYTES));
                }
            }
            return answers;
        } catch (StoreUnavailableException | StoreFailedException e) {
            LOG.warn("sync for {} failed: {}", LogFields.connection(connectionId), e.getMessage());
            return List.of(new ErrorMessage(ErrorMessage.UNAVAILABLE, "stock cannot be read right now; sync again"));
        }
    }
}
