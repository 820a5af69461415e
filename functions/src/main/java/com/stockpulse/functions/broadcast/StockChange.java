package com.stockpulse.functions.broadcast;

import com.stockpulse.model.StockLevel;

/**
 * One record of the stock table's stream: its sequence number and the item's new image. A record of the fan-out's
 * own progress write is one too: it brings the fan-out back to a broadcast it has not finished.
 */
public record StockChange(String sequenceNumber, StockLevel level) {
}
