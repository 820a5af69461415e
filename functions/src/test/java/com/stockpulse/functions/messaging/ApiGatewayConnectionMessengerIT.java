package com.stockpulse.functions.messaging;

import com.stockpulse.functions.config.AwsClients;
import com.stockpulse.functions.config.FunctionsConfig;
import com.stockpulse.functions.testing.ManagementApiStub;
import com.stockpulse.model.FunctionSetting;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import static org.assertj.core.api.Assertions.assertThat;

/** The SDK's Management API client, built as in Lambda, against an HTTP server answering as API Gateway does. */
class ApiGatewayConnectionMessengerIT extends ConnectionMessengerContract {

    static {
        // The SDK's default credential chain reads these; the stub does not check signatures.
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
    }

    private ManagementApiStub api;

    @Override
    protected ConnectionMessenger messenger(List<String> open) {
        api = new ManagementApiStub();
        open.forEach(api::open);
        FunctionsConfig config = FunctionsConfig.of(Map.of(FunctionSetting.MANAGEMENT_ENDPOINT.variable(), api.endpoint().toString()));
        return new ApiGatewayConnectionMessenger(AwsClients.managementApi(config));
    }

    @Override
    protected List<String> received(String connectionId) {
        return api.messagesTo(connectionId);
    }

    @AfterEach
    void stopStub() {
        if (api != null) {
            api.close();
        }
    }

    @ParameterizedTest
    @CsvSource({"429, THROTTLED", "500, TEMPORARY_FAILURE", "503, TEMPORARY_FAILURE", "413, PAYLOAD_TOO_LARGE",
            "403, PERMANENT_FAILURE"})
    void post_whenApiAnswersError_classifiesIt(int httpStatus, PostStatus expected) {
        ConnectionMessenger messenger = messenger(List.of("c1"));
        api.failNext(httpStatus);

        PostStatus status = messenger.post("c1", "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(expected);
        assertThat(messenger.post("c1", "{}".getBytes(StandardCharsets.UTF_8)))
                .as("SDK retries are off: the forced error was consumed by one call")
                .isEqualTo(PostStatus.DELIVERED);
    }
}
