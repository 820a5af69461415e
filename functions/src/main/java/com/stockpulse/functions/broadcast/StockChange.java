package com.stockpulse.functions.broadcast;

import com.stockpulse.model.StockLevel;

/** One record of the stock table's stream: its sequence number and the item's new image. */
public record StockChange(String sequenceNumber, StockLevel level) {
}
