package com.stockpulse.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FunctionSettingTest {

    @Test
    void all_whenListed_haveOneVariableEachAndNoneOfTheTables() {
        Set<String> variables = new HashSet<>();
        FunctionSetting.all().forEach(setting -> assertThat(variables.add(setting.variable())).as(setting.variable()).isTrue());
        Arrays.stream(TableSchema.values()).forEach(table -> assertThat(variables).doesNotContain(table.variable()));
        assertThat(FunctionSetting.all()).allSatisfy(setting -> assertThat(setting.meaning()).isNotBlank());
    }

    @Test
    void format_whenParsedBack_givesTheSameValueForEveryDefault() {
        for (FunctionSetting<?> setting : FunctionSetting.all()) {
            if (setting.hasDefault()) {
                assertThat(roundTrip(setting)).as(setting.variable()).isEqualTo(setting.defaultValue());
            }
        }
    }

    @Test
    void parse_whenWellFormed_readsEachKind() {
        assertThat(FunctionSetting.POST_BUDGET.parse(" 4000 ")).isEqualTo(4_000);
        assertThat(FunctionSetting.FANOUT_DEADLINE.parse("20")).isEqualTo(Duration.ofSeconds(20));
        assertThat(FunctionSetting.FANOUT_DEADLINE.parse("PT0.3S")).isEqualTo(Duration.ofMillis(300));
        assertThat(FunctionSetting.MANAGEMENT_ENDPOINT.parse("http://127.0.0.1:8081/local"))
                .isEqualTo(URI.create("http://127.0.0.1:8081/local"));
        assertThat(FunctionSetting.AWS_POST_BUDGET).isEqualTo(FunctionSetting.POST_BUDGET.defaultValue());
    }

    @Test
    void parse_whenNotAWholeNumberOfAtLeastOne_namesTheVariableAndTheValue() {
        for (String bad : new String[] {"0", "-3", "many", "1.5", "99999999999"}) {
            assertThatThrownBy(() -> FunctionSetting.POST_BUDGET.parse(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("STOCKPULSE_POST_BUDGET must be a whole number of at least 1, got '" + bad + "'");
        }
    }

    @Test
    void parse_whenNotAPositiveDuration_namesTheVariableAndTheValue() {
        for (String bad : new String[] {"0", "PT0S", "-PT1S", "soon", "5m"}) {
            assertThatThrownBy(() -> FunctionSetting.FANOUT_DEADLINE.parse(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("STOCKPULSE_FANOUT_DEADLINE must be seconds or an ISO-8601 duration, got '" + bad + "'");
        }
    }

    @Test
    void parse_whenNotAnAbsoluteUri_namesTheVariableAndTheValue() {
        for (String bad : new String[] {"/local", "http://bad host", "::"}) {
            assertThatThrownBy(() -> FunctionSetting.DYNAMODB_ENDPOINT.parse(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("STOCKPULSE_DYNAMODB_ENDPOINT must be an absolute URI, got");
        }
    }

    private static <T> T roundTrip(FunctionSetting<T> setting) {
        return setting.parse(setting.format(setting.defaultValue()));
    }
}
