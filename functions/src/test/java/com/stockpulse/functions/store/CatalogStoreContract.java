package com.stockpulse.functions.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.stockpulse.model.PageKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link CatalogStore} promises; run against the in-memory twin, DynamoDB Local and LocalStack. */
public abstract class CatalogStoreContract {

    private static final PageKey SUMMER = PageKey.collection("summer");
    private static final PageKey SALE = PageKey.collection("sale");

    private CatalogStore catalog;

    protected abstract CatalogStore newStore();

    @BeforeEach
    public void setUpStore() {
        catalog = newStore();
    }

    @Test
    public void register_thenBothDirectionsAnswer() {
        catalog.register(SUMMER, "sku-b");
        catalog.register(SUMMER, "sku-a");
        catalog.register(SALE, "sku-a");
        catalog.register(SALE, "sku-a");

        assertThat(catalog.listingsShowing("sku-a")).containsExactlyInAnyOrder(SUMMER, SALE);
        assertThat(catalog.skusOn(SUMMER)).containsExactly("sku-a", "sku-b");
        assertThat(catalog.skusOn(SALE)).containsExactly("sku-a");
    }

    @Test
    public void unknownSkuOrListing_isEmpty() {
        assertThat(catalog.listingsShowing("nobody-lists-me")).isEmpty();
        assertThat(catalog.skusOn(PageKey.collection("no-such-listing"))).isEmpty();
    }
}
