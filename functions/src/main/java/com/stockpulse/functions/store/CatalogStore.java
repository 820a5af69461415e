package com.stockpulse.functions.store;

import com.stockpulse.model.PageKey;
import java.util.List;

/**
 * Which listing pages show which SKUs, as ops register them. Product pages are implied by the SKU and not stored.
 * Implementations: {@code DynamoDbCatalogStore} and {@code InMemoryCatalogStore}.
 */
public interface CatalogStore {

    void register(PageKey listing, String sku);

    /** The listing pages that show {@code sku}. */
    List<PageKey> listingsShowing(String sku);

    /** The SKUs registered for a listing page, in SKU order; empty for an unknown listing. */
    List<String> skusOn(PageKey listing);
}
