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

    /** Every connection on the page that has not expired at {@code now}, across all pages of results. */
    List<String> connectionsOn(PageKey page, Instant now);
}
