package com.stockpulse.functions.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stockpulse.model.FunctionSetting;
import com.stockpulse.model.TableSchema;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionsConfigTest {

    @Test
    void of_whenEmpty_givesEveryDeclaredDefault() {
        FunctionsConfig config = FunctionsConfig.of(Map.of());

        assertThat(config.region()).isEqualTo("us-east-1");
        assertThat(config.postBudget()).isEqualTo(FunctionSetting.AWS_POST_BUDGET);
        assertThat(config.fanOutDeadline()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.connectionTtl()).isEqualTo(Duration.ofMinutes(130));
        assertThat(config.processedEventTtl()).isEqualTo(Duration.ofDays(8));
        assertThat(config.dynamoDbEndpoint()).isEmpty();
        assertThat(config.stockTable()).isEqualTo(TableSchema.STOCK.defaultName());
        assertThat(config.allowedOrigins().allows(java.util.Optional.of("https://shop.example"))).isFalse();
    }

    @Test
    void with_whenTyped_isReadBackAsWritten() {
        FunctionsConfig config = FunctionsConfig.of(Map.of())
                .with(FunctionSetting.POST_BUDGET, 1_234)
                .with(FunctionSetting.FANOUT_DEADLINE, Duration.ofMillis(300))
                .with(FunctionSetting.MANAGEMENT_ENDPOINT, URI.create("http://127.0.0.1:1/local"))
                .withVariable(TableSchema.STOCK.variable(), "run-1-stock");

        assertThat(config.postBudget()).isEqualTo(1_234);
        assertThat(config.fanOutDeadline()).isEqualTo(Duration.ofMillis(300));
        assertThat(config.managementEndpoint()).isEqualTo(URI.create("http://127.0.0.1:1/local"));
        assertThat(config.stockTable()).isEqualTo("run-1-stock");
    }

    @Test
    void get_whenBlank_givesTheDefault() {
        assertThat(FunctionsConfig.of(Map.of("STOCKPULSE_POST_BUDGET", "  ")).postBudget())
                .isEqualTo(FunctionSetting.AWS_POST_BUDGET);
    }

    @Test
    void get_whenMalformed_failsNamingTheVariable() {
        assertThatThrownBy(() -> FunctionsConfig.of(Map.of("STOCKPULSE_POST_BUDGET", "lots")).postBudget())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("STOCKPULSE_POST_BUDGET must be a whole number of at least 1, got 'lots'");
    }

    @Test
    void managementEndpoint_whenUnset_saysWhatItIsAndWhoNeedsIt() {
        assertThatThrownBy(() -> FunctionsConfig.of(Map.of()).managementEndpoint())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("STOCKPULSE_MANAGEMENT_ENDPOINT is not set")
                .hasMessageContaining("https://{api-id}.execute-api.{region}.amazonaws.com/{stage}");
    }
}
