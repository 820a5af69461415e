package com.stockpulse.functions.testing;

import com.stockpulse.functions.store.ApplyResult;
import com.stockpulse.functions.store.CatalogStore;
import com.stockpulse.functions.store.Connection;
import com.stockpulse.functions.store.ConnectionStore;
import com.stockpulse.functions.store.StockCommit;
import com.stockpulse.functions.store.StockStore;
import com.stockpulse.functions.store.StoreUnavailableException;
import com.stockpulse.model.PageKey;
import com.stockpulse.model.StockLevel;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Stores whose DynamoDB is throttling: every call fails with a temporary error. */
public final class Unavailable {

    private Unavailable() {
    }

    private static StoreUnavailableException throttled() {
        return new StoreUnavailableException("ProvisionedThroughputExceeded (test)", null);
    }

    public static ConnectionStore connectionStore() {
        return new ConnectionStore() {
            @Override
            public void add(Connection connection) {
                throw throttled();
            }

            @Override
            public List<PageKey> pagesOf(String connectionId) {
                throw throttled();
            }

            @Override
            public int remove(String connectionId) {
                throw throttled();
            }

            @Override
            public void remove(Connection connection) {
                throw throttled();
            }

            @Override
            public List<Connection> viewersOn(PageKey page, Instant now) {
                throw throttled();
            }
        };
    }

    public static StockStore stockStore() {
        return stockStoreFailingWith(Unavailable::throttled);
    }

    /** A stock store whose every call throws what {@code failure} makes, e.g. a permanent failure. */
    public static StockStore stockStoreFailingWith(java.util.function.Supplier<? extends RuntimeException> failure) {
        return new StockStore() {
            @Override
            public void commit(StockCommit commit) {
                throw failure.get();
            }

            @Override
            public Optional<StockLevel> get(String sku) {
                throw failure.get();
            }

            @Override
            public List<StockLevel> getAll(Collection<String> skus) {
                throw failure.get();
            }

            @Override
            public Optional<ApplyResult> outcomeOf(String eventId) {
                throw failure.get();
            }

            @Override
            public void recordMalformed(String recordId, String problem, byte[] data, java.time.Instant at) {
                throw failure.get();
            }
        };
    }

    public static CatalogStore catalogStore() {
        return new CatalogStore() {
            @Override
            public void register(PageKey listing, String sku) {
                throw throttled();
            }

            @Override
            public List<PageKey> listingsShowing(String sku) {
                throw throttled();
            }

            @Override
            public List<String> skusOn(PageKey listing) {
                throw throttled();
            }
        };
    }
}
