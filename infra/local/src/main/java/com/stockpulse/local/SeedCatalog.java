package com.stockpulse.local;

import com.stockpulse.functions.store.CatalogStore;
import com.stockpulse.functions.store.StockStore;
import com.stockpulse.model.EventType;
import com.stockpulse.model.PageKey;
import com.stockpulse.model.SaleEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A handful of SKUs with stock and two listing pages, so the first page a newcomer opens shows numbers. */
final class SeedCatalog {

    static final Map<String, Long> STOCK = Map.of(
            "sku-100", 12L, "sku-101", 7L, "sku-102", 3L, "sku-103", 25L, "sku-104", 1L, "sku-105", 40L);
    static final Map<String, List<String>> LISTINGS = Map.of(
            "summer", List.of("sku-100", "sku-101", "sku-102"),
            "all", List.of("sku-100", "sku-101", "sku-102", "sku-103", "sku-104", "sku-105"));

    private SeedCatalog() {
    }

    /** Writes through the same stores the functions use, so the stock table's stream carries the seed too. */
    static void apply(StockStore stock, CatalogStore catalog) {
        Instant now = Instant.now();
        STOCK.forEach((sku, units) -> stock.apply(new SaleEvent("seed-" + sku, EventType.SET, sku, units, now, "seed"), now));
        LISTINGS.forEach((name, skus) -> skus.forEach(sku -> catalog.register(PageKey.collection(name), sku)));
    }
}
