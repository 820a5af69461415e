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
import com.stockpulse.functions.config.Wiring;
import com.stockpulse.functions.metrics.ReportMetrics;
import com.stockpulse.model.FunctionAccess;
import com.stockpulse.model.StockLevel;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The stock table's stream -> every viewer of the pages that show the changed SKUs. */
public final class StockFanOutHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(StockFanOutHandler.class);

    private final StockFanOut fanOut;
    private final Invocations invocations;

    /** For Lambda: real clients from the environment, built once per container. */
    public StockFanOutHandler() {
        this(Invocations.onLambda(FunctionAccess.STOCK_FAN_OUT));
    }

    /** For a runtime that wires its own endpoints, such as the embedded local runtime. */
    public StockFanOutHandler(Wiring wiring) {
        this(wiring.stockFanOut(), Invocations.of(wiring));
    }

    StockFanOutHandler(StockFanOut fanOut, Invocations invocations) {
        this.fanOut = fanOut;
        this.invocations = invocations;
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return invocations.run(context, () -> answer(event));
    }

    private StreamsEventResponse answer(DynamodbEvent event) {
        List<StockChange> changes = StreamBatches.convert(event == null ? null : event.getRecords(),
                StockFanOutHandler::change);
        FanOutReport report = fanOut.fanOut(changes);
        LOG.info("fan-out of {} changes: {}", changes.size(), report);
        ReportMetrics.record(invocations.metrics(), report);
        return StreamBatches.failing(report.failedSequenceNumbers());
    }

    /** The new image as a stock level; null (logged) for removals and for images that are not stock rows. */
    private static StockChange change(DynamodbEvent.DynamodbStreamRecord record) {
        StreamRecord stream = record.getDynamodb();
        if ("REMOVE".equals(record.getEventName()) || stream == null || stream.getNewImage() == null) {
            return null;
        }
        Map<String, AttributeValue> image = stream.getNewImage();
        try {
            return new StockChange(stream.getSequenceNumber(), StockLevel.fromRow(
                    name -> image.containsKey(name) ? image.get(name).getS() : null,
                    name -> image.containsKey(name) ? image.get(name).getN() : null));
        } catch (IllegalArgumentException e) {
            // Not a stock row we wrote (a hand edit in the console?): sending it would show viewers garbage.
            LOG.warn("skipping stream record {} with an unexpected image {}: {}",
                    stream.getSequenceNumber(), image.keySet(), e.toString());
            return null;
        }
    }
}
