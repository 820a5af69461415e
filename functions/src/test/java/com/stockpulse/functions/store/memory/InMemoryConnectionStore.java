package com.stockpulse.functions.store.memory;

import com.stockpulse.functions.store.Connection;
import com.stockpulse.functions.store.ConnectionStore;
import com.stockpulse.model.PageKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The connection store without DynamoDB: for unit tests and benchmarks. Thread-safe, because the fan-out removes
 * gone connections from many workers at once. Expired rows are hidden as the DynamoDB store's filter hides them.
 */
public final class InMemoryConnectionStore implements ConnectionStore {

    private final Map<PageKey, Map<String, Connection>> byPage = new ConcurrentHashMap<>();
    private final Map<String, Connection> byId = new ConcurrentHashMap<>();

    @Override
    public void add(Connection connection) {
        byId.put(connection.connectionId(), connection);
        byPage.computeIfAbsent(connection.page(), page -> new ConcurrentHashMap<>())
                .put(connection.connectionId(), connection);
    }

    @Override
    public List<PageKey> pagesOf(String connectionId) {
        Connection connection = byId.get(connectionId);
        return connection == null ? List.of() : List.of(connection.page());
    }

    @Override
    public int remove(String connectionId) {
        Connection connection = byId.remove(connectionId);
        if (connection == null) {
            return 0;
        }
        Map<String, Connection> onPage = byPage.get(connection.page());
        if (onPage != null) {
            onPage.remove(connectionId);
        }
        return 1;
    }

    @Override
    public void remove(Connection connection) {
        Map<String, Connection> onPage = byPage.get(connection.page());
        if (onPage != null) {
            onPage.remove(connection.connectionId());
        }
        remove(connection.connectionId());
    }

    /** A page row without its connection row, as a BatchWriteItem that left one item unprocessed leaves it. */
    public void addPageRowOnly(Connection connection) {
        byPage.computeIfAbsent(connection.page(), page -> new ConcurrentHashMap<>())
                .put(connection.connectionId(), connection);
    }

    @Override
    public List<Connection> viewersOn(PageKey page, Instant now) {
        Map<String, Connection> onPage = byPage.getOrDefault(page, Map.of());
        List<Connection> viewers = new ArrayList<>(onPage.size());
        for (Connection connection : onPage.values()) {
            if (connection.expiresAt().isAfter(now)) {
                viewers.add(connection);
            }
        }
        return viewers;
    }
}
