package com.stockpulse.functions.store;

import com.stockpulse.model.PageKey;
import java.time.Instant;
import java.util.List;

/**
 * Who watches which page. Implementations: {@code DynamoDbConnectionStore} and {@code InMemoryConnectionStore}.
 * Every method may throw {@link StoreUnavailableException} (temporary) or {@link StoreFailedException} (permanent).
 */
public interface ConnectionStore {

    void add(Connection connection);

    /** The pages a connection watches; empty for an unknown (or already removed) connection. */
    List<PageKey> pagesOf(String connectionId);

    /** Removes every row of the connection and says how many there were; unknown ids and repeats are fine. */
    int remove(String connectionId);

    /**
     * Removes a connection known by its page row (the fan-out's 410): that row directly, and every row found through
     * the connection, so a page row left without its connection row goes too. Unknown rows and repeats are fine.
     */
    void remove(Connection connection);

    /** Every connection on the page that has not expired at {@code now}, across all pages of results. */
    List<Connection> viewersOn(PageKey page, Instant now);

    /** The ids of {@link #viewersOn}. */
    default List<String> connectionsOn(PageKey page, Instant now) {
        return viewersOn(page, now).stream().map(Connection::connectionId).toList();
    }
}
