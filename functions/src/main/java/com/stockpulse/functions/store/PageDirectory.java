package com.stockpulse.functions.store;

import com.stockpulse.model.PageKey;
import java.util.ArrayList;
import java.util.List;

/** Which pages show a SKU, and which SKUs a page shows: the product page by its path, listings by the catalog. */
public final class PageDirectory {

    private final CatalogStore catalog;

    public PageDirectory(CatalogStore catalog) {
        this.catalog = catalog;
    }

    public List<PageKey> pagesShowing(String sku) {
        List<PageKey> listings = catalog.listingsShowing(sku);
        List<PageKey> pages = new ArrayList<>(listings.size() + 1);
        pages.add(PageKey.product(sku));
        pages.addAll(listings);
        return pages;
    }

    public List<String> skusOn(PageKey page) {
        return switch (page.kind()) {
            case PRODUCT -> List.of(page.name());
            case COLLECTION -> catalog.skusOn(page);
        };
    }
}
