package com.stockpulse.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PageRouteTest {

    @Test
    void pagePaths_mapToTheirFile_andFilesMapToNothing() {
        assertThat(PageRoute.fileFor("/products/sku-1")).contains("product.html");
        assertThat(PageRoute.fileFor("/collections/summer")).contains("collection.html");
        assertThat(PageRoute.fileFor("/ops")).contains("ops.html");
        assertThat(PageRoute.fileFor("/ops/")).contains("ops.html");
        assertThat(PageRoute.fileFor("/ops.js")).isEmpty();
        assertThat(PageRoute.fileFor("/opsx")).isEmpty();
        assertThat(PageRoute.fileFor("/products")).isEmpty();
        assertThat(PageRoute.fileFor("/")).isEmpty();
    }
}
