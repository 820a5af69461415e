package com.stockpulse.cli;

import com.stockpulse.cli.FailedBatches.Batch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * {@code replay}: gets the records of batches a mapping gave up on back into the pipeline. An on-failure record
 * holds only where the batch was (AWS's and the local runtime's alike), so the records are read back from the
 * stream, within its retention, and put again. Sale events are idempotent by {@code eventId}: a record that was
 * applied after all is a duplicate and changes nothing, so replaying twice is safe.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Put the records of failed batches back on the sale-events stream, read from the stream itself.",
        footerHeading = "%nExamples:%n",
        footer = {"  stockpulse replay --from infra/local/target/stockpulse-local/on-failure/websocket-port-8081/sale-events.jsonl",
                  "  aws sqs receive-message --queue-url URL --max-number-of-messages 10 > failed.json",
                  "  stockpulse replay --from failed.json --stack StockPulse --region eu-west-1",
                  "  (then delete the messages you replayed: aws sqs delete-message ...)"})
final class ReplayCommand implements Callable<Integer> {

    /** GetRecords returns at most this many per call. */
    private static final int READ_LIMIT = 1_000;
    /** PutRecords takes at most 500 records. */
    private static final int PUT_LIMIT = 500;

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Option(names = "--from", required = true, paramLabel = "FILE",
            description = "On-failure records: a local on-failure .jsonl file, or `aws sqs receive-message` output; - for stdin.")
    String from;

    @Option(names = "--dry-run", description = "Read the records back and count them; put nothing.")
    boolean dryRun;

    /** A batch whose records cannot be got back or put again; says which and why. */
    static final class ReplayFailedException extends RuntimeException {
        ReplayFailedException(String message) {
            super(message);
        }
    }

    @Override
    public Integer call() {
        try {
            return replay(spec.commandLine().getOut());
        } catch (ReplayFailedException e) {
            spec.commandLine().getErr().println("stockpulse replay: " + e.getMessage());
            return ExitCodes.CHECK_FAILED;
        }
    }

    private int replay(PrintWriter out) {
        List<Batch> batches = readBatches();
        Target resolved = target.resolve();
        KinesisClient kinesis = resolved.kinesis();
        int replayed = 0;
        int skipped = 0;
        try (EventPublisher publisher = new EventPublisher(resolved, kinesis, Thread::sleep)) {
            for (Batch batch : batches) {
                if (batch.source() == FailedBatches.Source.DYNAMODB_STREAM) {
                    // The stock stream carries changes already in the table; every page syncs on its next open.
                    out.printf("skipped   stock-change batch %s %s..%s (%s): the values are in the stock table and "
                            + "pages resync; nothing to replay%n", batch.shardId(), batch.startSequenceNumber(),
                            batch.endSequenceNumber(), batch.condition());
                    skipped++;
                    continue;
                }
                List<Record> records = readBack(kinesis, batch);
                if (!dryRun) {
                    put(publisher, records);
                }
                out.printf("%s  %d of %d records of %s %s..%s (%s)%n", dryRun ? "read    " : "replayed",
                        records.size(), batch.batchSize(), batch.shardId(), batch.startSequenceNumber(),
                        batch.endSequenceNumber(), batch.condition());
                out.flush();
                replayed += records.size();
            }
        } catch (AwsServiceException e) {
            // Kinesis answered, and refused: a wrong stream name, no permission, a sequence number it does not know.
            throw new ReplayFailedException("Kinesis refused: " + e.awsErrorDetails().errorMessage()
                    + " (stream " + resolved.streamName() + "); " + replayed + " record(s) were put before this");
        } catch (SdkException e) {
            throw new UnreachableEndpointException(resolved.kinesisDescription(), e);
        }
        out.printf("%d record(s) %s to %s from %d batch(es); %d stock-change batch(es) skipped%n", replayed,
                dryRun ? "would be put" : "put", resolved.streamName(), batches.size() - skipped, skipped);
        return ExitCodes.OK;
    }

    private List<Batch> readBatches() {
        try {
            if (from.equals("-")) {
                return FailedBatches.read(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                        "stdin");
            }
            try (BufferedReader reader = Files.newBufferedReader(Path.of(from), StandardCharsets.UTF_8)) {
                return FailedBatches.read(reader, from);
            }
        } catch (NoSuchFileException e) {
            throw new ParameterException(spec.commandLine(), "--from: no such file: " + from);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--from: cannot read " + from + ": " + e.getMessage());
        } catch (FailedBatches.MalformedException e) {
            throw new ParameterException(spec.commandLine(), "--from: " + e.getMessage());
        } catch (java.io.UncheckedIOException e) {
            throw new ParameterException(spec.commandLine(), "--from: cannot read " + from + ": " + e.getCause().getMessage());
        }
    }

    /**
     * The batch's records, read from its first sequence number to its last. If the shard no longer starts there
     * (trimmed past the stream's retention), says so: those records are gone.
     */
    private static List<Record> readBack(KinesisClient kinesis, Batch batch) {
        BigInteger end = new BigInteger(batch.endSequenceNumber());
        String iterator = kinesis.getShardIterator(r -> r.streamName(batch.streamName()).shardId(batch.shardId())
                .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                .startingSequenceNumber(batch.startSequenceNumber())).shardIterator();
        List<Record> records = new ArrayList<>();
        while (iterator != null) {
            String current = iterator;
            GetRecordsResponse page = kinesis.getRecords(r -> r.shardIterator(current).limit(READ_LIMIT));
            for (Record record : page.records()) {
                if (new BigInteger(record.sequenceNumber()).compareTo(end) > 0) {
                    return checked(records, batch);
                }
                records.add(record);
            }
            if (page.records().isEmpty() && (page.millisBehindLatest() == null || page.millisBehindLatest() == 0)) {
                break;   // the shard's end: nothing more will come for this range
            }
            iterator = page.nextShardIterator();
        }
        return checked(records, batch);
    }

    private static List<Record> checked(List<Record> records, Batch batch) {
        if (records.isEmpty() || !records.getFirst().sequenceNumber().equals(batch.startSequenceNumber())) {
            throw new ReplayFailedException("the records of " + batch.shardId() + " from "
                    + batch.startSequenceNumber() + " are no longer in the stream (past its retention?)");
        }
        return records;
    }

    /**
     * Puts the records again through the publisher's retries (a retried entry may land after a later one of its
     * SKU: the consumer keeps an older SET from overwriting a newer one, and sales commute).
     */
    private static void put(EventPublisher publisher, List<Record> records) {
        for (int from = 0; from < records.size(); from += PUT_LIMIT) {
            List<PutRecordsRequestEntry> entries = records.subList(from, Math.min(records.size(), from + PUT_LIMIT))
                    .stream().map(record -> PutRecordsRequestEntry.builder().partitionKey(record.partitionKey())
                            .data(record.data()).build()).toList();
            EventPublisher.EntriesResult result = publisher.putEntries(entries);
            if (!result.notPut().isEmpty()) {
                throw new ReplayFailedException(result.notPut().size() + " record(s) could not be put after the "
                        + "publisher's retries; run replay again (duplicates are harmless)");
            }
        }
    }
}
