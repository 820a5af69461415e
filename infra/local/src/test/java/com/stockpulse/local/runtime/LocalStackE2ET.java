package com.stockpulse.local.runtime;

import com.stockpulse.local.testing.Eventually;
import com.stockpulse.local.testing.TestStacks;
import com.stockpulse.local.testing.Viewer;
import com.stockpulse.model.EventType;
import com.stockpulse.model.SaleEvent;
import com.stockpulse.model.StockLevel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.core.SdkBytes;
import static org.assertj.core.api.Assertions.assertThat;

/** The same flow with LocalStack's DynamoDB and Kinesis instead of DynamoDB Local and kinesalite. Needs Docker. */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackE2ET {

    @Container
    static final LocalStackContainer LOCALSTACK =
            new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.10")).withServices("dynamodb", "kinesis");

    @TempDir
    Path dataDir;

    @Test
    void sale_onKinesis_reachesTheProductPage() throws Exception {
        System.setProperty("aws.accessKeyId", LOCALSTACK.getAccessKey());
        System.setProperty("aws.secretAccessKey", LOCALSTACK.getSecretKey());
        LocalSettings settings = TestStacks.settings(dataDir).toBuilder().seed(false)
                .dynamoDbEndpoint(LOCALSTACK.getEndpoint()).kinesisEndpoint(LOCALSTACK.getEndpoint()).build();
        try (LocalRuntime runtime = LocalRuntime.start(settings);
             Viewer viewer = Viewer.open(runtime.webSocketUrl(), "/products/ls-a")) {
            SaleEvent set = new SaleEvent(UUID.randomUUID().toString(), EventType.SET, "ls-a", 5, Instant.now(), "e2e");
            runtime.kinesis().putRecord(r -> r.streamName(settings.streamName()).partitionKey("ls-a")
                    .data(SdkBytes.fromByteArray(set.toJsonBytes())));

            viewer.awaitFrame(Duration.ofSeconds(30), frame -> frame.path("sku").asText().equals("ls-a"));
            Eventually.await("table has ls-a", Duration.ofSeconds(10),
                    () -> runtime.wiring().stockStore().get("ls-a").map(StockLevel::available).orElse(-1L) == 5);
            assertThat(viewer.available("ls-a")).isEqualTo(5);
        }
    }
}
