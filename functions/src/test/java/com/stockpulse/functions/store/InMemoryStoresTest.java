package com.stockpulse.functions.store;

import com.stockpulse.functions.store.memory.InMemoryCatalogStore;
import com.stockpulse.functions.store.memory.InMemoryConnectionStore;
import com.stockpulse.functions.store.memory.InMemoryStockStore;
import org.junit.jupiter.api.Nested;

/** The contracts against the in-memory twins. */
class InMemoryStoresTest {

    @Nested
    class Stock extends StockStoreContract {
        @Override
        protected StockStore newStore() {
            return new InMemoryStockStore();
        }
    }

    @Nested
    class Connections extends ConnectionStoreContract {
        @Override
        protected ConnectionStore newStore() {
            return new InMemoryConnectionStore();
        }
    }

    @Nested
    class Catalog extends CatalogStoreContract {
        @Override
        protected CatalogStore newStore() {
            return new InMemoryCatalogStore();
        }
    }
}
