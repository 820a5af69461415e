package com.stockpulse.aws;

import com.stockpulse.model.StreamMapping;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.kinesis.Stream;
import software.amazon.awscdk.services.kinesis.StreamEncryption;
import software.amazon.awscdk.services.kinesis.StreamMode;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.StartingPosition;
import software.amazon.awscdk.services.lambda.eventsources.DynamoEventSource;
import software.amazon.awscdk.services.lambda.eventsources.KinesisEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsDlq;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The two streams and what reads them: sale events (Kinesis) into the consumer, stock changes (the stock table's
 * stream) into the fan-out, each mapping set as {@link StreamMapping} says (the local runtime's pollers read the same
 * settings), each with a queue for the batches it gives up on.
 */
record StreamPipeline(Stream sales, Queue saleFailures, Queue stockFailures) {

    static StreamPipeline create(Construct scope, Table stock, Alias consumer, Alias fanOut) {
        Stream sales = Stream.Builder.create(scope, "SaleEvents")
                .streamMode(StreamMode.ON_DEMAND)
                .encryption(StreamEncryption.MANAGED)
                .retentionPeriod(Duration.hours(24))
                .build();
        Queue saleFailures = failureQueue(scope, "SaleEventsOnFailure");
        Queue stockFailures = failureQueue(scope, "StockChangesOnFailure");
        StreamMapping sale = StreamMapping.SALE_EVENTS;
        consumer.addEventSource(KinesisEventSource.Builder.create(sales)
                .startingPosition(StartingPosition.TRIM_HORIZON)
                .batchSize(sale.batchSize())
                .maxBatchingWindow(Duration.seconds(sale.batchingWindow().toSeconds()))
                .bisectBatchOnError(sale.bisectOnError())
                .retryAttempts(sale.maxRetryAttempts())
                .maxRecordAge(Duration.seconds(sale.maxRecordAge().toSeconds()))
                .reportBatchItemFailures(sale.reportBatchItemFailures())
                .onFailure(new SqsDlq(saleFailures))
                .build());
        StreamMapping changes = StreamMapping.STOCK_CHANGES;
        fanOut.addEventSource(DynamoEventSource.Builder.create(stock)
                .startingPosition(StartingPosition.LATEST)
                .batchSize(changes.batchSize())
                .maxBatchingWindow(Duration.seconds(changes.batchingWindow().toSeconds()))
                .bisectBatchOnError(changes.bisectOnError())
                .retryAttempts(changes.maxRetryAttempts())
                .maxRecordAge(Duration.seconds(changes.maxRecordAge().toSeconds()))
                .reportBatchItemFailures(changes.reportBatchItemFailures())
                .onFailure(new SqsDlq(stockFailures))
                .build());
        return new StreamPipeline(sales, saleFailures, stockFailures);
    }

    private static Queue failureQueue(Construct scope, String id) {
        return Queue.Builder.create(scope, id).encryption(QueueEncryption.SQS_MANAGED)
                .retentionPeriod(Duration.days(14)).enforceSsl(true).build();
    }
}
