package com.stockpulse.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PageKeyTest {

    @ParameterizedTest
    @CsvSource({
            "/products/sku-123, /products/sku-123, PRODUCT, sku-123",
            "/Products/SKU-123/, /products/sku-123, PRODUCT, sku-123",
            "//products///sku-123//, /products/sku-123, PRODUCT, sku-123",
            "/collections/summer, /collections/summer, COLLECTION, summer"
    })
    void parse_whenValid_returnsOneNormalForm(String raw, String value, PageKey.Kind kind, String name) {
        PageKey page = PageKey.parse(raw);

        assertThat(page.value()).isEqualTo(value);
        assertThat(page.kind()).isEqualTo(kind);
        assertThat(page.name()).isEqualTo(name);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void parse_whenMissing_isMissingField(String raw) {
        assertThatThrownBy(() -> PageKey.parse(raw))
                .isInstanceOfSatisfying(InvalidMessageException.class, e -> {
                    assertThat(e.problem()).isEqualTo(InvalidMessageException.Problem.MISSING_FIELD);
                    assertThat(e.field()).isEqualTo("page");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "products/sku-1", "/products/../admin", "/products/./x", "/products/sku 1", "/products/sku%201",
            "/products/-sku", "/collections/a?b", "/products/" + "x12345678901234567890123456789012345678901234567890123456789012345",
            "/products/s\u212Au-100", "/products/sku-1\u0130", "/collections/\u212Aitchen", "/products/sku-1\r\nFORGED"})
    void parse_whenMalformed_isInvalidField(String raw) {
        assertThatThrownBy(() -> PageKey.parse(raw))
                .isInstanceOfSatisfying(InvalidMessageException.class,
                        e -> assertThat(e.problem()).isEqualTo(InvalidMessageException.Problem.INVALID_FIELD));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/products", "/admin/x", "/products/a/b", "/cart/sku-1"})
    void parse_whenUnknownPage_isUnknownValue(String raw) {
        assertThatThrownBy(() -> PageKey.parse(raw))
                .isInstanceOfSatisfying(InvalidMessageException.class,
                        e -> assertThat(e.problem()).isEqualTo(InvalidMessageException.Problem.UNKNOWN_VALUE));
    }

    @ParameterizedTest
    @ValueSource(ints = {200})
    void parse_whenOverLongPath_isInvalidField(int length) {
        assertThatThrownBy(() -> PageKey.parse("/products/" + "a".repeat(length)))
                .isInstanceOfSatisfying(InvalidMessageException.class,
                        e -> assertThat(e.problem()).isEqualTo(InvalidMessageException.Problem.INVALID_FIELD));
    }

    @Test
    void parse_echoesAnUnknownPageQuotedOnOneLine_soItCannotForgeALogLine() {
        assertThatThrownBy(() -> PageKey.parse("/cart/x\r\n2026-11-23 INFO forged"))
                .hasMessageContaining("'/cart/x\\r\\n2026-11-23 INFO forged'")
                .hasMessageNotContaining("\n").hasMessageNotContaining("\r");
    }
}
