package com.stockpulse.functions.handler;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/** The two stream handlers' common ends: from an event's records to our own, and from failures to the answer. */
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

    /** The partial batch response: the mapping retries from the lowest of these sequence numbers. */
    static StreamsEventResponse failing(Collection<String> sequenceNumbers) {
        return new StreamsEventResponse(sequenceNumbers.stream().map(StreamsEventResponse.BatchItemFailure::new).toList());
    }
}
