package com.stockpulse.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientActionTest {

    @Test
    void fromJson_whenSyncOrPing_returnsAction() {
        assertThat(ClientAction.fromJson("{\"action\":\"sync\"}")).isEqualTo(ClientAction.SYNC);
        assertThat(ClientAction.fromJson("{\"action\":\"ping\",\"extra\":1}")).isEqualTo(ClientAction.PING);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not json        | hello                   | MALFORMED_JSON
            empty           | ''                      | MALFORMED_JSON
            json string     | "sync"                  | MALFORMED_JSON
            no action       | {"type":"sync"}         | MISSING_FIELD
            action number   | {"action":1}            | INVALID_FIELD
            unknown action  | {"action":"buy"}        | UNKNOWN_VALUE
            upper case      | {"action":"SYNC"}       | UNKNOWN_VALUE
            page number     | {"action":"sync","page":7}            | INVALID_FIELD
            page traversal  | {"action":"sync","page":"/products/../x"} | INVALID_FIELD
            """)
    void fromJson_whenInvalid_saysWhy(String caseName, String body, InvalidMessageException.Problem problem) {
        assertThatThrownBy(() -> ClientAction.fromJson(body))
                .isInstanceOfSatisfying(InvalidMessageException.class, e -> assertThat(e.problem()).isEqualTo(problem));
    }

    @Test
    void fromJson_whenOversize_isTooLarge() {
        String body = "{\"action\":\"sync\",\"pad\":\"" + "é".repeat(Limits.MAX_CLIENT_MESSAGE_BYTES) + "\"}";

        assertThatThrownBy(() -> ClientAction.fromJson(body))
                .isInstanceOfSatisfying(InvalidMessageException.class,
                        e -> assertThat(e.problem()).isEqualTo(InvalidMessageException.Problem.TOO_LARGE));
    }

    @Test
    void clientRequest_whenSyncNamesItsPage_normalizesItAndRoundTrips() {
        ClientRequest request = ClientRequest.fromJson("{\"action\":\"sync\",\"page\":\"/Products//SKU-1/\"}");

        assertThat(request.action()).isEqualTo(ClientAction.SYNC);
        assertThat(request.page()).contains(PageKey.product("sku-1"));
        assertThat(ClientRequest.fromJson(request.toJson()).page()).contains(PageKey.product("sku-1"));
        assertThat(ClientRequest.fromJson("{\"action\":\"ping\",\"page\":\"/products/sku-1\"}").page()).isEmpty();
    }
}
