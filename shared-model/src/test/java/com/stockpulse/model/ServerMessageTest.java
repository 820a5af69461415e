package com.stockpulse.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerMessageTest {

    private static final Instant AT = Instant.parse("2026-11-22T10:15:30Z");

    @Test
    void toBytes_whenStock_writesTypeAndIsoDate() throws Exception {
        JsonNode json = read(new StockMessage("sku-1", 7, 3, AT));

        assertThat(json.toString())
                .isEqualTo("{\"type\":\"stock\",\"sku\":\"sku-1\",\"available\":7,\"version\":3,\"updatedAt\":\"2026-11-22T10:15:30Z\"}");
    }

    @Test
    void toBytes_whenSnapshotErrorPong_writesTheirTypes() throws Exception {
        JsonNode snapshot = read(new SnapshotMessage("/products/sku-1", List.of(new StockLevel("sku-1", 7, 3, AT))));
        JsonNode error = read(new ErrorMessage("UNKNOWN_VALUE", "action: unknown"));
        JsonNode pong = read(new PongMessage());

        assertThat(snapshot.get("type").asText()).isEqualTo("snapshot");
        assertThat(snapshot.get("items").get(0).get("available").asLong()).isEqualTo(7);
        assertThat(error.get("type").asText()).isEqualTo("error");
        assertThat(error.get("code").asText()).isEqualTo("UNKNOWN_VALUE");
        assertThat(pong.toString()).isEqualTo("{\"type\":\"pong\"}");
    }

    @Test
    void mapper_readsBackAServerMessageByType() throws Exception {
        ServerMessage back = Json.mapper().readValue(Json.toBytes(new StockMessage("a", 1, 2, AT)), ServerMessage.class);

        assertThat(back).isEqualTo(new StockMessage("a", 1, 2, AT));
    }

    private static JsonNode read(ServerMessage message) throws Exception {
        return Json.mapper().readTree(Json.toBytes(message));
    }
}
