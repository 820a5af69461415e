package com.stockpulse.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.stockpulse.functions.config.Wiring;
import com.stockpulse.functions.metrics.ReportMetrics;
import com.stockpulse.functions.sales.BatchReport;
import com.stockpulse.functions.sales.SaleRecord;
import com.stockpulse.functions.sales.StockApplier;
import com.stockpulse.model.FunctionAccess;
import java.nio.ByteBuffer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kinesis {@code sale-events} -> stock table. Reports a partial batch failure at the first record that met a store
 * failure (the mapping needs ReportBatchItemFailures on, or Lambda ignores it and retries the whole batch).
 */
public final class SaleEventConsumer implements RequestHandler<KinesisEvent, StreamsEventResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(SaleEventConsumer.class);

    private final StockApplier applier;
    private final Invocations invocations;

    /** For Lambda: real clients from the environment, built once per container. */
    public SaleEventConsumer() {
        this(Invocations.onLambda(FunctionAccess.SALE_EVENT_CONSUMER));
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
    public StreamsEventResponse handleRequest(KinesisEvent event, Context context) {
        return invocations.run(context, () -> answer(event));
    }

    private StreamsEventResponse answer(KinesisEvent event) {
        List<SaleRecord> records = StreamBatches.convert(event == null ? null : event.getRecords(), SaleEventConsumer::record);
        BatchReport report = applier.apply(records);
        LOG.info("sale batch of {}: {}", records.size(), report);
        ReportMetrics.record(invocations.metrics(), report);
        return StreamBatches.failing(report.failedAt().stream().toList());
    }

    /** A Kinesis record as a sale record; null (logged) for one without a sequence number. */
    private static SaleRecord record(KinesisEvent.KinesisEventRecord record) {
        KinesisEvent.Record kinesis = record.getKinesis();
        if (kinesis == null || kinesis.getSequenceNumber() == null) {
            LOG.warn("skipping a Kinesis record without a sequence number: {}", record.getEventID());
            return null;
        }
        return record.getEventID() == null
                ? new SaleRecord(kinesis.getSequenceNumber(), bytes(kinesis.getData()))
                : new SaleRecord(kinesis.getSequenceNumber(), bytes(kinesis.getData()), record.getEventID());
    }

    private static byte[] bytes(ByteBuffer data) {
        if (data == null) {
            return new byte[0];
        }
        ByteBuffer view = data.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }
}
