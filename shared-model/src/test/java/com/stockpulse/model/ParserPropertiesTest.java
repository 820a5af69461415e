package com.stockpulse.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties of the two parsers every outside input goes through, over many generated inputs (a seeded generator:
 * the same cases on every run, and a failure names its seed and input). For any input a parser either returns a
 * valid value or throws {@link InvalidMessageException}; nothing else escapes.
 */
class ParserPropertiesTest {

    private static final long SEED = 20261123L;
    private static final int CASES = 20_000;
    /** Characters that matter to the parsers, plus a few that must never pass: controls, non-ASCII look-alikes. */
    private static final String ALPHABET = "abcxyzSKU-019._/ %{}[]\":,\\\u0000\r\n\t\u212A\u0130\u00e9\u2028\uD83D\uDE00";

    private static String junk(Random random, int maxLength) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(maxLength + 1);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }

    /** A page-like path: mostly the right shape, with junk in its segments. */
    private static String pageLike(Random random) {
        String kind = switch (random.nextInt(4)) {
            case 0 -> "/products/";
            case 1 -> "/collections/";
            case 2 -> "/PRODUCTS//";
            default -> junk(random, 12);
        };
        return kind + junk(random, 20) + (random.nextBoolean() ? "" : "/" + junk(random, 5));
    }

    @Test
    void pageKey_eitherParsesToAStableNormalForm_orSaysWhatIsWrong() {
        Random random = new Random(SEED);
        int parsed = 0;
        for (int i = 0; i < CASES; i++) {
            String input = pageLike(random);
            try {
                PageKey page = PageKey.parse(input);
                parsed++;
                assertThat(PageKey.parse(page.value())).as("normal form of %s", input).isEqualTo(page);
                assertThat(page.value()).as("normal form of %s", input).matches("/(products|collections)/[a-z0-9][a-z0-9._-]*");
            } catch (InvalidMessageException expected) {
                assertThat(expected.getMessage()).as("error for %s", input).doesNotContain("\n", "\r");
            }
        }
        assertThat(parsed).as("some generated pages are valid, or the generator tests nothing").isPositive();
    }

    /** A sale-event-like JSON object whose fields are each right, wrong-typed, missing or junk. */
    private static String eventLike(Random random) {
        StringBuilder json = new StringBuilder("{");
        String[] fields = {"eventId", "type", "sku", "quantity", "occurredAt", "source"};
        String[][] values = {
                {"\"e-1\"", "12", "\"a b\"", "\"" + "x".repeat(200) + "\""},
                {"\"SALE\"", "\"RESTOCK\"", "\"SET\"", "\"sale\"", "1", "null"},
                {"\"sku-1\"", "\"SKU-1\"", "\"s\u212Au\"", "5", "\"../x\""},
                {"1", "0", "-1", "1000000000000", "1.5", "\"2\"", "99999999999999999999999"},
                {"\"2026-11-23T10:00:00Z\"", "\"yesterday\"", "0"},
                {"\"test\"", "null", "[]"}};
        for (int f = 0; f < fields.length; f++) {
            if (random.nextInt(8) == 0) {
                continue;
            }
            String value = random.nextInt(10) == 0 ? "\"" + junk(random, 8).replace("\\", "").replace("\"", "") + "\""
                    : values[f][random.nextInt(values[f].length)];
            json.append(json.length() > 1 ? "," : "").append('"').append(fields[f]).append("\":").append(value);
        }
        return random.nextInt(20) == 0 ? junk(random, 30) : json.append('}').toString();
    }

    @Test
    void saleEvent_eitherParsesToAValidEvent_orSaysWhichFieldIsWrong() {
        Random random = new Random(SEED);
        int parsed = 0;
        for (int i = 0; i < CASES; i++) {
            String input = eventLike(random);
            try {
                SaleEvent event = SaleEvent.fromJson(input);
                parsed++;
                assertThat(event.quantity()).as(input).isBetween(0L, Limits.MAX_QUANTITY);
                assertThat(event.sku()).as(input).matches("[a-z0-9][a-z0-9._-]*");
                assertThat(SaleEvent.fromJson(new String(event.toJsonBytes(), java.nio.charset.StandardCharsets.UTF_8)))
                        .as("round trip of %s", input).isEqualTo(event);
            } catch (InvalidMessageException expected) {
                assertThat(expected.field()).as("field named for %s", input).isNotBlank();
            }
        }
        assertThat(parsed).as("some generated events are valid, or the generator tests nothing").isPositive();
    }
}
