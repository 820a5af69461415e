package com.stockpulse.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.stockpulse.functions.store.BroadcastProgress;
import com.stockpulse.local.runtime.LocalRuntime;
import com.stockpulse.local.runtime.LocalSettings;
import com.stockpulse.local.testing.Eventually;
import com.stockpulse.local.testing.TestStacks;
import com.stockpulse.local.testing.Viewer;
import com.stockpulse.model.EventType;
import com.stockpulse.model.SaleEvent;
import com.stockpulse.model.StreamMapping;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A broadcast larger than one fan-out invocation can send (the post budget x the 5 s deadline) on the whole local
 * stack: DynamoDB Local's stream carries the fan-out's progress record back to it, through the local event source
 * mapping, until every viewer has the value, each exactly once, and no stream record is failed.
 */
class ResumableBroadcastE2ET {

    private static final int VIEWERS = 300;
    /** 40 posts/s x 5 s = 200 viewers per invocation: 300 need two. */
    private static final int BUDGET = 40;

    @TempDir
    Path dataDir;

    private static BroadcastProgress progress(LocalRuntime runtime) {
        return runtime.wiring().stockStore().rows(List.of("crowd-a")).get("crowd-a").progress();
    }

    @Test
    void aBroadcastLargerThanOneInvocation_reachesEveryViewerOnce_throughItsProgressRecord() throws Exception {
        LocalSettings settings = TestStacks.settings(dataDir).toBuilder().seed(false).postBudget(BUDGET).build();
        List<Viewer> viewers = new ArrayList<>();
        try (LocalRuntime runtime = LocalRuntime.start(settings)) {
            for (int i = 0; i < VIEWERS; i++) {
                viewers.add(Viewer.open(runtime.webSocketUrl(), "/products/crowd-a"));
            }
            SaleEvent set = new SaleEvent(UUID.randomUUID().toString(), EventType.SET, "crowd-a", 12, Instant.now(), "e2e");
            Instant put = Instant.now();
            runtime.kinesis().putRecord(r -> r.streamName(settings.streamName()).partitionKey("crowd-a")
                    .data(SdkBytes.fromByteArray(set.toJsonBytes())));

            for (Viewer viewer : viewers) {
                viewer.awaitFrame(Duration.ofSeconds(40), frame -> frame.path("sku").asText().equals("crowd-a"));
            }
            Duration took = Duration.between(put, Instant.now());
            // A moment more for a second copy, had one been sent.
            Thread.sleep(1_000);
            for (Viewer viewer : viewers) {
                List<JsonNode> more = viewer.receive(Duration.ofMillis(10));
                assertThat(more).as("no second copy").noneMatch(frame -> frame.path("sku").asText().equals("crowd-a"));
                assertThat(viewer.available("crowd-a")).isEqualTo(12);
            }
            Eventually.await("the broadcast finished", Duration.ofSeconds(10), () -> !progress(runtime).pending());
            assertThat(progress(runtime).seq()).as("carried over at least once, then finished").isGreaterThanOrEqualTo(2);
            assertThat(took).as("300 viewers at 40 posts/s").isGreaterThan(Duration.ofSeconds(5));
            Path failed = settings.onFailureFile(StreamMapping.STOCK_CHANGES, runtime.webSocketUrl().getPort());
            assertThat(!Files.exists(failed) || Files.size(failed) == 0).as("nothing sent to " + failed).isTrue();
        } finally {
            viewers.forEach(Viewer::close);
        }
    }
}
