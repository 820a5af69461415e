package com.stockpulse.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.stockpulse.functions.config.Wiring;
import com.stockpulse.functions.events.BatchResponse;
import com.stockpulse.functions.events.KinesisBatch;
import com.stockpulse.functions.events.StreamEvents;
import com.stockpulse.functions.metrics.ReportMetrics;
import com.stockpulse.functions.sales.BatchReport;
import com.stockpulse.functions.sales.SaleRecord;
import com.stockpulse.functions.sales.StockApplier;
import com.stockpulse.model.FunctionAccess;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kinesis {@code sale-events} -> stock table. Reports a partial batch failure at the first record that met a store
 * failure (the mapping needs ReportBatchItemFailures on, or Lambda ignores it and retries the whole batch). Reads the
 * event's JSON itself ({@link KinesisBatch}): the Lambda runtime's serializer would need joda-time for it.
 */
public final class SaleEventConsumer implements RequestStreamHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SaleEventConsumer.class);

    private final StockApplier applier;
    private final Invocations invocations;

    /** For Lambda: real clients from the environment, built once per container, and the event reader warmed. */
    public SaleEventConsumer() {
        this(Invocations.onLambda(FunctionAccess.SALE_EVENT_CONSUMER));
        StreamEvents.warmUpKinesis();
    }

    /** For a runtime that wires its own endpoints, such as the embedded local runtime. */
    public SaleEventConsumer(Wiring wiring) {
        this(wiring.stockApplier(), Invocations.of(wiring));
    }

    SaleEventConsumer(StockApplier applier, Invocations invocations) {
        this.applier = applier;
        this.invocations = invocations;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        StreamEvents.write(output, invocations.run(context, () -> answer(StreamEvents.readKinesis(input))));
    }

    private BatchResponse answer(KinesisBatch event) {
        List<SaleRecord> records = StreamBatches.convert(event.records(), SaleEventConsumer::record);
        BatchReport report = applier.apply(records);
        LOG.info("sale batch of {}: {}", records.size(), report);
        ReportMetrics.record(invocations.metrics(), report);
        return BatchResponse.failing(report.failedAt().stream().toList());
    }

    /** A Kinesis record as a sale record; null (logged) for one without a sequence number. */
    private static SaleRecord record(KinesisBatch.Record record) {
        KinesisBatch.Kinesis kinesis = record == null ? null : record.kinesis();
        if (kinesis == null || kinesis.sequenceNumber() == null) {
            LOG.warn("skipping a Kinesis record without a sequence number: {}", record == null ? null : record.eventID());
            return null;
        }
        byte[] data = kinesis.data() == null ? new byte[0] : kinesis.data();
        return record.eventID() == null
                ? new SaleRecord(kinesis.sequenceNumber(), data)
                : new SaleRecord(kinesis.sequenceNumber(), data, record.eventID());
    }
}
