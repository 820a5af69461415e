package com.stockpulse.functions.handler;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The two stream handlers' common start: from an event's records to our own. */
final class StreamBatches {

    private StreamBatches() {
    }

    /**
     * The records of an event, as our own; {@code convert} answers null (and says why) for a record to skip. An event
     * without records is an empty batch.
     */
    static <R, T> List<T> convert(List<R> records, Function<R, T> convert) {
        List<T> converted = new ArrayList<>();
        if (records != null) {
            for (R record : records) {
                T one = convert.apply(record);
                if (one != null) {
                    converted.add(one);
                }
            }
        }
        return converted;
    }
}
