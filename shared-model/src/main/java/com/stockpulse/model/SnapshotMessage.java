package com.stockpulse.model;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer to {@code sync}: the current stock of every SKU the page shows, in {@code parts} frames numbered from 1
 * ({@code part}), each within API Gateway's 128 KB per message (a listing of about 1,300 SKUs would not fit in one).
 * A page holds an answered sync once it has every part.
 */
public record SnapshotMessage(String page, List<StockLevel> items, int part, int parts) implements ServerMessage {

    public SnapshotMessage {
        items = List.copyOf(items);
        if (parts < 1 || part < 1 || part > parts) {
            throw new IllegalArgumentException("part " + part + " of " + parts + " is no part");
        }
    }

    /** The whole snapshot in one frame. */
    public SnapshotMessage(String page, List<StockLevel> items) {
        this(page, items, 1, 1);
    }

    /**
     * The snapshot of {@code page} in as few frames as keep each within {@code maxBytes} serialized, items in order.
     * A page with no items is one empty frame.
     */
    public static List<SnapshotMessage> split(String page, List<StockLevel> items, int maxBytes) {
        // The frame without items, with room for the largest part numbers, then each item and its comma.
        int envelope = Json.toBytes(new SnapshotMessage(page, List.of(), 99_999, 99_999)).length;
        List<List<StockLevel>> chunks = new ArrayList<>();
        List<StockLevel> chunk = new ArrayList<>();
        int size = envelope;
        for (StockLevel item : items) {
            int itemBytes = Json.toString(item).getBytes(StandardCharsets.UTF_8).length + 1;
            if (envelope + itemBytes > maxBytes) {
                throw new IllegalArgumentException("one stock item of " + itemBytes + " bytes does not fit in "
                        + maxBytes + " bytes");
            }
            if (size + itemBytes > maxBytes && !chunk.isEmpty()) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
                size = envelope;
            }
            chunk.add(item);
            size += itemBytes;
        }
        chunks.add(chunk);
        List<SnapshotMessage> frames = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            frames.add(new SnapshotMessage(page, chunks.get(i), i + 1, chunks.size()));
        }
        return frames;
    }

    @Override
    public String toString() {
        return "SnapshotMessage[" + page + ", " + items.size() + " items, part " + part + " of " + parts + "]";
    }
}
