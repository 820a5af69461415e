package com.stockpulse.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.stockpulse.functions.sales.StockApplier;
import com.stockpulse.functions.store.CatalogStore;
import com.stockpulse.model.EventType;
import com.stockpulse.model.Json;
import com.stockpulse.model.PageKey;
import com.stockpulse.model.SaleEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Seeds stock and listings from {@code web-demo/catalog.json}, the file the pages read names and prices from, so
 * the first page a newcomer opens shows numbers and the two never disagree.
 */
final class SeedCatalog {

    private SeedCatalog() {
    }

    /** Writes through the same stores the functions use, so the stock table's stream carries the seed too. */
    static void apply(Path catalogFile, StockApplier stock, CatalogStore catalog) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(catalogFile.toFile());
        } catch (IOException e) {
            throw new StartupFailedException("cannot read the seed catalog " + catalogFile + ": " + e.getMessage(), e);
        }
        Instant now = Instant.now();
        for (JsonNode product : root.path("products")) {
            String sku = product.path("sku").asText();
            long units = product.path("stock").asLong();
            stock.apply(new SaleEvent("seed-" + sku, EventType.SET, sku, units, now, "seed"));
        }
        for (JsonNode collection : root.path("collections")) {
            PageKey listing = PageKey.collection(collection.path("name").asText());
            collection.path("skus").forEach(sku -> catalog.register(listing, sku.asText()));
        }
    }
}
