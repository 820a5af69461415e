package com.stockpulse.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AllowedOriginsTest {

    @Test
    void anEmptySetting_allowsNoBrowserButLetsClientsWithoutOriginThrough() {
        AllowedOrigins none = AllowedOrigins.parse("");

        assertThat(none.allows(Optional.of("https://shop.example"))).isFalse();
        assertThat(none.allows(Optional.empty())).isTrue();
    }

    @Test
    void aStar_allowsAnyOrigin() {
        assertThat(AllowedOrigins.parse(" * ").allows(Optional.of("https://anything.example"))).isTrue();
    }

    @Test
    void entriesAreComparedAsOrigins_notAsText() {
        AllowedOrigins origins = AllowedOrigins.parse("https://Shop.Example:443/, http://127.0.0.1:8080");

        assertThat(origins.allows(Optional.of("https://shop.example"))).isTrue();
        assertThat(origins.allows(Optional.of("http://127.0.0.1:8080"))).isTrue();
        assertThat(origins.allows(Optional.of("http://127.0.0.1:8081"))).isFalse();
        assertThat(origins.allows(Optional.of("https://shop.example\u212a"))).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"http://127.0.0.1:8081, 127.0.0.1:8081", "https://abc123.execute-api.us-east-1.amazonaws.com, "
            + "abc123.execute-api.us-east-1.amazonaws.com", "https://ABC.example:443, abc.example",
            "http://[::1]:8081, [::1]:8081"})
    void allows_whenTheOriginNamesTheApisOwnHost_treatsItAsNoOrigin_asScriptsSendIt(String origin, String host) {
        AllowedOrigins shop = AllowedOrigins.parse("https://shop.example");

        assertThat(shop.allows(Optional.of(origin), Optional.of(host))).isTrue();
        assertThat(shop.allows(Optional.of(origin))).as("without the Host header it is a foreign origin").isFalse();
    }

    @ParameterizedTest
    @CsvSource({"http://127.0.0.1:8080, 127.0.0.1:8081", "https://evil.example, abc.example",
            "https://abc.example:8443, abc.example", "null, abc.example", "file://abc.example, abc.example",
            "https://abc.example.evil.example, abc.example"})
    void allows_whenTheOriginIsAnotherHostOrPort_stillRefusesIt(String origin, String host) {
        assertThat(AllowedOrigins.parse("https://shop.example").allows(Optional.of(origin), Optional.of(host))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"shop.example", "https://shop.example/products", "https://user@shop.example",
            "https://shop.example?x=1", "::"})
    void aSettingThatIsNotAnOrigin_isRefusedWithItsValueQuoted(String entry) {
        assertThatThrownBy(() -> AllowedOrigins.parse("https://ok.example, " + entry))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not an origin");
    }
}
