package com.stockpulse.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UntrustedTest {

    @Test
    void quote_escapesControlCharactersAndCutsLongValues() {
        assertThat(Untrusted.quote("a\r\nb\tc\u0000d\u2028")).isEqualTo("'a\\r\\nb\\tc\\u0000d\\u2028'");
        assertThat(Untrusted.quote("x".repeat(100))).isEqualTo("'" + "x".repeat(64) + "…'");
        assertThat(Untrusted.quote(null)).isEqualTo("null");
    }

    @Test
    void oneLine_keepsPlainTextAsItIs_andEscapesLineBreaks() {
        String plain = "sale batch of 10: applied 10";
        assertThat(Untrusted.oneLine(plain)).isSameAs(plain);
        assertThat(Untrusted.oneLine("refused /cart\r\n2026 INFO forged")).isEqualTo("refused /cart\\r\\n2026 INFO forged");
    }

    @Test
    void asciiLowerCase_lowersOnlyAsciiLetters() {
        assertThat(Untrusted.asciiLowerCase("SKU-100")).isEqualTo("sku-100");
        assertThat(Untrusted.asciiLowerCase("s\u212Au-100")).isEqualTo("s\u212Au-100");
        assertThat(Untrusted.asciiLowerCase("\u0130D")).isEqualTo("\u0130d");
    }
}
