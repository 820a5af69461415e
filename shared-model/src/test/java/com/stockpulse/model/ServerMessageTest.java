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

    @Test
    void split_whenAListingIsOver128Kb_givesNumberedPartsThatEachFitAndTogetherHoldEveryItemInOrder() throws Exception {
        List<StockLevel> items = java.util.stream.IntStream.range(0, 3_000)
                .mapToObj(i -> new StockLevel("sku-" + i, i, 1_764_000_000_000L + i, AT)).toList();
        assertThat(Json.toBytes(new SnapshotMessage("/collections/all", items)).length)
                .as("one frame would be refused").isGreaterThan(Limits.MAX_POST_BYTES);

        List<SnapshotMessage> parts = SnapshotMessage.split("/collections/all", items, Limits.MAX_POST_BYTES);

        assertThat(parts).hasSizeGreaterThan(1);
        for (int i = 0; i < parts.size(); i++) {
            JsonNode frame = read(parts.get(i));
            assertThat(Json.toBytes(parts.get(i)).length).isLessThanOrEqualTo(Limits.MAX_POST_BYTES);
            assertThat(frame.get("part").asInt()).isEqualTo(i + 1);
            assertThat(frame.get("parts").asInt()).isEqualTo(parts.size());
            assertThat(frame.get("page").asText()).isEqualTo("/collections/all");
        }
        assertThat(parts.stream().flatMap(part -> part.items().stream()).toList()).isEqualTo(items);
        // Packed: every part but the last is nearly full.
        assertThat(Json.toBytes(parts.get(0)).length).isGreaterThan(Limits.MAX_POST_BYTES - 200);
    }

    @Test
    void split_whenTheSnapshotFits_isOneFrameNumberedOneOfOne() throws Exception {
        List<SnapshotMessage> parts = SnapshotMessage.split("/products/sku-1",
                List.of(new StockLevel("sku-1", 7, 3, AT)), Limits.MAX_POST_BYTES);

        assertThat(parts).singleElement().satisfies(part -> {
            assertThat(part.part()).isEqualTo(1);
            assertThat(part.parts()).isEqualTo(1);
        });
        assertThat(SnapshotMessage.split("/products/sku-1", List.of(), 200)).singleElement()
                .satisfies(part -> assertThat(part.items()).isEmpty());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SnapshotMessage.split("/products/sku-1",
                List.of(new StockLevel("sku-1", 7, 3, AT)), 100)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not fit");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SnapshotMessage("/products/a", List.of(), 2, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
