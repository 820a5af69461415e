package com.stockpulse.functions.store.memory;

import com.stockpulse.functions.store.CatalogStore;
import com.stockpulse.model.PageKey;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/** The catalog without DynamoDB: for unit tests and benchmarks. */
public final class InMemoryCatalogStore implements CatalogStore {

    private final Map<String, Set<String>> listingsBySku = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> skusByListing = new ConcurrentHashMap<>();

    @Override
    public void register(PageKey listing, String sku) {
        listingsBySku.computeIfAbsent(sku, key -> new ConcurrentSkipListSet<>()).add(listing.value());
        skusByListing.computeIfAbsent(listing.value(), key -> new ConcurrentSkipListSet<>()).add(sku);
    }

    @Override
    public List<PageKey> listingsShowing(String sku) {
        return listingsBySku.getOrDefault(sku, Set.of()).stream().map(PageKey::parse).toList();
    }

    @Override
    public List<String> skusOn(PageKey listing) {
        return List.copyOf(skusByListing.getOrDefault(listing.value(), Set.of()));
    }
}
