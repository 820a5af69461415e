package com.stockpulse.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StockLevelTest {

    private static Map<String, String> row() {
        return new HashMap<>(Map.of(Tables.Stock.SKU, "sku-1", Tables.Stock.AVAILABLE, "7",
                Tables.Stock.VERSION, "1795430855761000", Tables.Stock.UPDATED_AT, "2026-11-23T10:15:30Z",
                Tables.Stock.LAST_EVENT_ID, "e-1"));
    }

    @Test
    void fromRow_readsTheFourAttributes() {
        assertThat(StockLevel.fromRow(row()::get, row()::get))
                .isEqualTo(new StockLevel("sku-1", 7, 1795430855761000L, Instant.parse("2026-11-23T10:15:30Z")));
    }

    @Test
    void fromRow_whenAnAttributeIsMissing_namesItAndTheSku() {
        Map<String, String> row = row();
        row.remove(Tables.Stock.VERSION);

        assertThatThrownBy(() -> StockLevel.fromRow(row::get, row::get)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the stock row of 'sku-1' has no version of the right type");
    }

    @Test
    void fromRow_whenTheSkuIsMissing_saysSo() {
        Map<String, String> row = row();
        row.remove(Tables.Stock.SKU);

        assertThatThrownBy(() -> StockLevel.fromRow(row::get, row::get)).hasMessage("a stock row has no sku of the right type");
    }

    @Test
    void fromRow_whenAValueIsNotAStockLevel_namesTheSku() {
        Map<String, String> negative = row();
        negative.put(Tables.Stock.AVAILABLE, "-1");
        Map<String, String> notANumber = row();
        notANumber.put(Tables.Stock.VERSION, "v2");
        Map<String, String> notATime = row();
        notATime.put(Tables.Stock.UPDATED_AT, "yesterday");

        for (Map<String, String> row : java.util.List.of(negative, notANumber, notATime)) {
            assertThatThrownBy(() -> StockLevel.fromRow(row::get, row::get)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("the stock row of 'sku-1' is not a stock level: ");
        }
    }
}
