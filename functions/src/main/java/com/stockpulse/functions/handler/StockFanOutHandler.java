package com.stockpulse.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.stockpulse.functions.broadcast.FanOutReport;
import com.stockpulse.functions.broadcast.StockChange;
import com.stockpulse.functions.broadcast.StockFanOut;
import com.stockpulse.functions.config.SnapStartPriming;
import com.stockpulse.functions.config.Wiring;
import com.stockpulse.functions.logging.RequestLogging;
import com.stockpulse.functions.metrics.Metrics;
import com.stockpulse.functions.metrics.ReportMetrics;
import com.stockpulse.model.FunctionAccess;
import com.stockpulse.model.StockLevel;
import com.stockpulse.model.Tables;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The stock table's stream -> every viewer of the pages that show the changed SKUs. */
public final class StockFanOutHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(StockFanOutHandler.class);

    private final StockFanOut fanOut;
    private final Metrics metrics;
    private final RequestLogging logging;

    /** For Lambda: real clients from the environment, built once per container. */
    public StockFanOutHandler() {
        this(Wiring.shared());
        SnapStartPriming.register(Wiring.shared(), FunctionAccess.STOCK_FAN_OUT);
    }

    /** For a runtime that wires its own endpoints, such as the embedded local runtime. */
    public StockFanOutHandler(Wiring wiring) {
        this(wiring.stockFanOut(), wiring.metrics(), wiring.requestLogging());
    }

    StockFanOutHandler(StockFanOut fanOut) {
        this(fanOut, Metrics.NONE, RequestLogging.PLAIN);
    }

    StockFanOutHandler(StockFanOut fanOut, Metrics metrics, RequestLogging logging) {
        this.fanOut = fanOut;
        this.metrics = metrics;
        this.logging = logging;
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return logging.around(context, () -> metrics.flushAfter(() -> answer(event)));
    }

    private StreamsEventResponse answer(DynamodbEvent event) {
        List<StockChange> changes = new ArrayList<>();
        if (event != null && event.getRecords() != null) {
            for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
                StockChange change = change(record);
                if (change != null) {
                    changes.add(change);
                }
            }
        }
        FanOutReport report = fanOut.fanOut(changes);
        LOG.info("fan-out of {} changes: {}", changes.size(), report);
        ReportMetrics.record(metrics, report);
        return new StreamsEventResponse(report.failedSequenceNumbers().stream()
                .map(StreamsEventResponse.BatchItemFailure::new).toList());
    }

    /** The new image as a stock level; null (logged) for removals and for images that are not stock rows. */
    private static StockChange change(DynamodbEvent.DynamodbStreamRecord record) {
        StreamRecord stream = record.getDynamodb();
        if ("REMOVE".equals(record.getEventName()) || stream == null || stream.getNewImage() == null) {
            return null;
        }
        Map<String, AttributeValue> image = stream.getNewImage();
        try {
            return new StockChange(stream.getSequenceNumber(), StockLevel.fromRow(name -> text(image.get(name))));
        } catch (IllegalArgumentException e) {
            // Not a stock row we wrote (a hand edit in the console?): sending it would show viewers garbage.
            LOG.warn("skipping stream record {} with an unexpected image {}: {}",
                    stream.getSequenceNumber(), image.keySet(), e.toString());
            return null;
        }
    }

    /** An S or an N as text; null when absent. */
    private static String text(AttributeValue value) {
        return value == null ? null : value.getS() != null ? value.getS() : value.getN();
    }
}
