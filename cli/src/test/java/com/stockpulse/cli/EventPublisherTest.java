package com.stockpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.stockpulse.model.EventType;
import com.stockpulse.model.SaleEvent;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

class EventPublisherTest {

    private static final Target TARGET = new Target("test", URI.create("ws://127.0.0.1:1/"), "sales", "stock",
            "processed", "us-east-1", Optional.of(URI.create("http://127.0.0.1:1")), Optional.empty(), Optional.empty());

    /** Throttles every record of the first {@code throttledCalls} PutRecords calls, then takes everything. */
    private static final class ThrottlingKinesis implements KinesisClient {
        private final int throttledCalls;
        int calls;

        ThrottlingKinesis(int throttledCalls) {
            this.throttledCalls = throttledCalls;
        }

        @Override
        public PutRecordsResponse putRecords(Consumer<PutRecordsRequest.Builder> request) {
            PutRecordsRequest built = PutRecordsRequest.builder().applyMutation(request).build();
            boolean throttle = calls++ < throttledCalls;
            return PutRecordsResponse.builder().records(built.records().stream().map(r -> throttle
                    ? PutRecordsResultEntry.builder().errorCode("ProvisionedThroughputExceededException").build()
                    : PutRecordsResultEntry.builder().shardId("shardId-0").sequenceNumber("1").build()).toList())
                    .failedRecordCount(throttle ? built.records().size() : 0).build();
        }

        @Override
        public String serviceName() {
            return "kinesis";
        }

        @Override
        public void close() {
        }
    }

    private static List<SaleEvent> events(int count) {
        return IntStream.range(0, count).mapToObj(i -> new SaleEvent("e" + i, EventType.SALE, "sku-1", 1,
                Instant.parse("2026-11-23T10:00:00Z"), "test")).toList();
    }

    @Test
    void throttledRecords_areRetriedAfterGrowingWaits_notAtOnce() {
        List<Long> waits = new ArrayList<>();
        ThrottlingKinesis kinesis = new ThrottlingKinesis(3);

        EventPublisher.BatchResult result = new EventPublisher(TARGET, kinesis, waits::add).putBatch(events(10));

        assertThat(result.put()).isEqualTo(10);
        assertThat(result.throttled()).isEqualTo(30);
        assertThat(waits).hasSize(3);
        assertThat(waits.get(0)).isBetween(50L, 100L);
        assertThat(waits.get(1)).isBetween(100L, 200L);
        assertThat(waits.get(2)).isBetween(200L, 400L);
    }

    @Test
    void recordsStillThrottledAfterTheLastAttempt_areReportedAsNotPut() {
        List<Long> waits = new ArrayList<>();

        EventPublisher.BatchResult result = new EventPublisher(TARGET, new ThrottlingKinesis(100), waits::add)
                .putBatch(events(4));

        assertThat(result.put()).isZero();
        assertThat(result.notPut()).hasSize(4);
        assertThat(waits).hasSize(4).allSatisfy(wait -> assertThat(wait).isLessThanOrEqualTo(2_000L));
    }
}
