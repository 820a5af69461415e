package com.stockpulse.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.stockpulse.functions.config.SnapStartPriming;
import com.stockpulse.functions.config.Wiring;
import com.stockpulse.functions.logging.RequestLogging;
import com.stockpulse.functions.metrics.Metrics;
import com.stockpulse.functions.metrics.ReportMetrics;
import com.stockpulse.functions.sales.BatchReport;
import com.stockpulse.functions.sales.SaleRecord;
import com.stockpulse.functions.sales.StockApplier;
import com.stockpulse.model.FunctionAccess;
import java.nio.ByteBuffer;
import java.util.ArrayList;
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
    private final Metrics metrics;
    private final RequestLogging logging;

    /** For Lambda: real clients from the environment, built once per container. */
    public SaleEventConsumer() {
        this(Wiring.shared());
        SnapStartPriming.register(Wiring.shared(), FunctionAccess.SALE_EVENT_CONSUMER);
    }

    /** For a runtime that wires its own endpoints, such as the embedded local runtime. */
    public SaleEventConsumer(Wiring wiring) {
        this(wiring.stockApplier(), wiring.metrics(), wiring.requestLogging());
    }

    SaleEventConsumer(StockApplier applier) {
        this(applier, Metrics.NONE, RequestLogging.PLAIN);
    }

    SaleEventConsumer(StockApplier applier, Metrics metrics, RequestLogging logging) {
        this.applier = applier;
        this.metrics = metrics;
        this.logging = logging;
    }

    @Override
    public StreamsEventResponse handleRequest(KinesisEvent event, Context context) {
        return logging.around(context, () -> metrics.flushAfter(() -> answer(event)));
    }

    private StreamsEventResponse answer(KinesisEvent event) {
        List<SaleRecord> records = new ArrayList<>();
        if (event != null && event.getRecords() != null) {
            for (KinesisEvent.KinesisEventRecord record : event.getRecords()) {
                KinesisEvent.Record kinesis = record.getKinesis();
                if (kinesis == null || kinesis.getSequenceNumber() == null) {
                    LOG.warn("skipping a Kinesis record without a sequence number: {}", record.getEventID());
                    continue;
                }
                records.add(record.getEventID() == null
                        ? new SaleRecord(kinesis.getSequenceNumber(), bytes(kinesis.getData()))
                        : new SaleRecord(kinesis.getSequenceNumber(), bytes(kinesis.getData()), record.getEventID()));
            }
        }
        BatchReport report = applier.apply(records);
        LOG.info("sale batch of {}: {}", records.size(), report);
        ReportMetrics.record(metrics, report);
        List<StreamsEventResponse.BatchItemFailure> failures = report.failedAt()
                .map(sequenceNumber -> List.of(new StreamsEventResponse.BatchItemFailure(sequenceNumber)))
                .orElse(List.of());
        return new StreamsEventResponse(failures);
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
