package com.stockpulse.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SaleEventTest {

    private static final String VALID = """
            {"eventId":"evt-1","type":"SALE","sku":"SKU-123","quantity":2,
             "occurredAt":"2026-11-22T10:15:30Z","source":"checkout","extra":{"ignored":true}}""";

    @Test
    void fromJson_whenValid_returnsNormalizedEventAndIgnoresUnknownFields() {
        SaleEvent event = SaleEvent.fromJson(VALID);

        assertThat(event).isEqualTo(new SaleEvent("evt-1", EventType.SALE, "sku-123", 2,
                Instant.parse("2026-11-22T10:15:30Z"), "checkout"));
        assertThat(event.partitionKey()).isEqualTo("sku-123");
    }

    @Test
    void toJsonBytes_roundTrips() {
        SaleEvent event = SaleEvent.fromJson(VALID);

        assertThat(SaleEvent.fromJson(event.toJsonBytes())).isEqualTo(event);
    }

    @Test
    void fromJson_whenSetToZero_isAllowed() {
        SaleEvent event = SaleEvent.fromJson(VALID.replace("\"SALE\"", "\"SET\"").replace("\"quantity\":2", "\"quantity\":0"));

        assertThat(event.quantity()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not json                 | {"eventId":                                      | MALFORMED_JSON | $
            array                    | [1,2]                                            | MALFORMED_JSON | $
            empty                    | ''                                               | MALFORMED_JSON | $
            duplicate key            | {"eventId":"a","eventId":"b"}                    | MALFORMED_JSON | $
            missing eventId          | {"type":"SALE"}                                  | MISSING_FIELD  | eventId
            eventId not string       | {"eventId":12}                                   | INVALID_FIELD  | eventId
            eventId bad chars        | {"eventId":"a b"}                                | INVALID_FIELD  | eventId
            missing type             | {"eventId":"e"}                                  | MISSING_FIELD  | type
            unknown type             | {"eventId":"e","type":"REFUND"}                  | UNKNOWN_VALUE  | type
            lower-case type          | {"eventId":"e","type":"sale"}                    | UNKNOWN_VALUE  | type
            missing sku              | {"eventId":"e","type":"SALE"}                    | MISSING_FIELD  | sku
            bad sku                  | {"eventId":"e","type":"SALE","sku":"a/b"}        | INVALID_FIELD  | sku
            sku number               | {"eventId":"e","type":"SALE","sku":5}            | INVALID_FIELD  | sku
            sku with the Kelvin sign | {"eventId":"e","type":"SALE","sku":"s\u212Au-100"}  | INVALID_FIELD  | sku
            missing quantity         | {"eventId":"e","type":"SALE","sku":"a"}          | MISSING_FIELD  | quantity
            quantity string          | {"eventId":"e","type":"SALE","sku":"a","quantity":"2"}        | INVALID_FIELD | quantity
            quantity fraction        | {"eventId":"e","type":"SALE","sku":"a","quantity":1.5}        | INVALID_FIELD | quantity
            quantity zero sale       | {"eventId":"e","type":"SALE","sku":"a","quantity":0}          | INVALID_FIELD | quantity
            quantity zero restock    | {"eventId":"e","type":"RESTOCK","sku":"a","quantity":0}       | INVALID_FIELD | quantity
            quantity negative        | {"eventId":"e","type":"SET","sku":"a","quantity":-1}          | INVALID_FIELD | quantity
            quantity absurd          | {"eventId":"e","type":"SALE","sku":"a","quantity":1000001}    | INVALID_FIELD | quantity
            quantity huge            | {"eventId":"e","type":"SALE","sku":"a","quantity":99999999999999999999999} | INVALID_FIELD | quantity
            quantity huge negative   | {"eventId":"e","type":"SALE","sku":"a","quantity":-99999999999999999999999} | INVALID_FIELD | quantity
            missing occurredAt       | {"eventId":"e","type":"SALE","sku":"a","quantity":1}          | MISSING_FIELD | occurredAt
            bad occurredAt           | {"eventId":"e","type":"SALE","sku":"a","quantity":1,"occurredAt":"yesterday"} | INVALID_FIELD | occurredAt
            missing source           | {"eventId":"e","type":"SALE","sku":"a","quantity":1,"occurredAt":"2026-11-22T10:15:30Z"} | MISSING_FIELD | source
            null source              | {"eventId":"e","type":"SALE","sku":"a","quantity":1,"occurredAt":"2026-11-22T10:15:30Z","source":null} | MISSING_FIELD | source
            """)
    void fromJson_whenInvalid_namesFieldAndProblem(String caseName, String json, String problem, String field) {
        assertThatThrownBy(() -> SaleEvent.fromJson(json))
                .isInstanceOfSatisfying(InvalidMessageException.class, e -> {
                    assertThat(e.problem().name()).as(caseName).isEqualTo(problem);
                    assertThat(e.field()).as(caseName).isEqualTo(field);
                    assertThat(e.reason()).as(caseName).isNotBlank();
                });
    }

    @Test
    void fromJson_whenOversize_isRefusedBeforeParsing() {
        String json = VALID.replace("\"checkout\"", "\"" + "x".repeat(Limits.MAX_SALE_EVENT_BYTES) + "\"");

        assertThatThrownBy(() -> SaleEvent.fromJson(json))
                .isInstanceOfSatisfying(InvalidMessageException.class,
                        e -> assertThat(e.problem()).isEqualTo(InvalidMessageException.Problem.TOO_LARGE));
    }

    @Test
    void fromJson_whenQuantityOutOfRange_saysTheLimit() {
        assertThatThrownBy(() -> SaleEvent.fromJson(VALID.replace("\"quantity\":2", "\"quantity\":5000000")))
                .hasMessageContaining("quantity: is at most 1000000");
    }
}
