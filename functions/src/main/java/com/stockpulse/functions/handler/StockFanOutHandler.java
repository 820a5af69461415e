package com.stockpulse.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.stockpulse.functions.broadcast.FanOutReport;
import com.stockpulse.functions.broadcast.StockChange;
import com.stockpulse.functions.broadcast.StockFanOut;
import com.stockpulse.functions.config.Wiring;
import com.stockpulse.functions.events.AttributeValue;
import com.stockpulse.functions.events.BatchResponse;
import com.stockpulse.functions.events.DynamoDbStreamBatch;
import com.stockpulse.functions.events.StreamEvents;
import com.stockpulse.functions.metrics.ReportMetrics;
import com.stockpulse.model.FunctionAccess;
import com.stockpulse.model.StockLevel;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stock table's stream -> every viewer of the pages that show the changed SKUs. Reads the event's JSON itself
 * ({@link DynamoDbStreamBatch}): the Lambda runtime's serializer would need joda-time for it.
 */
public final class StockFanOutHandler implements RequestStreamHandler {

    private static final Logger LOG = LoggerFactory.getLogger(StockFanOutHandler.class);

    private final StockFanOut fanOut;
    private final Invocations invocations;

    /** For Lambda: real clients from the environment, built once per container, and the event reader warmed. */
    public StockFanOutHandler() {
        this(Invocations.onLambda(FunctionAccess.STOCK_FAN_OUT));
        StreamEvents.warmUpDynamoDb();
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
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        StreamEvents.write(output, invocations.run(context, () -> answer(StreamEvents.readDynamoDb(input))));
    }

    private BatchResponse answer(DynamoDbStreamBatch event) {
        List<StockChange> changes = StreamBatches.convert(event.records(), StockFanOutHandler::change);
        FanOutReport report = fanOut.fanOut(changes);
        LOG.info("fan-out of {} changes: {}", changes.size(), report);
        ReportMetrics.record(invocations.metrics(), report);
        return BatchResponse.failing(report.failedSequenceNumbers());
    }

    /** The new image as a stock level; null (logged) for removals and for images that are not stock rows. */
    private static StockChange change(DynamoDbStreamBatch.Record record) {
        DynamoDbStreamBatch.StreamRecord stream = record == null ? null : record.dynamodb();
        if (stream == null || "REMOVE".equals(record.eventName()) || stream.newImage() == null) {
            return null;
        }
        Map<String, AttributeValue> image = stream.newImage();
        try {
            return new StockChange(stream.sequenceNumber(), StockLevel.fromRow(
                    name -> image.containsKey(name) && image.get(name) != null ? image.get(name).s() : null,
                    name -> image.containsKey(name) && image.get(name) != null ? image.get(name).n() : null));
        } catch (IllegalArgumentException e) {
            // Not a stock row we wrote (a hand edit in the console?): sending it would show viewers garbage.
            LOG.warn("skipping stream record {} with an unexpected image {}: {}",
                    stream.sequenceNumber(), image.keySet(), e.toString());
            return null;
        }
    }
}
