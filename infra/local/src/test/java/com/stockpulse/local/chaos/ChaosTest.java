package com.stockpulse.local.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChaosTest {

    @Test
    void parse_readsEveryFault_andSaysThemBack() {
        Chaos chaos = Chaos.parse("post-5xx=5%,post-429=2.5%,drop-socket=1%/min,crash-consumer=1%,crash-fanout=100%");

        assertThat(chaos.isOn()).isTrue();
        assertThat(chaos).hasToString("post-5xx=5%, post-429=2.5%, drop-socket=1%/min, crash-consumer=1%, crash-fanout=100%");
        assertThat(chaos.crashFanOut()).isTrue();
        assertThat(chaos.injected()).contains("fan-out crashes 1");
        assertThat(Chaos.NONE.isOn()).isFalse();
        assertThat(Chaos.NONE.post5xx()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            post-5xx=5           | is not fault=P%
            drop-socket=1%       | drop-socket takes P%/min
            post-429=1%/min      | post-429 takes P%, not P%/min
            crash-disk=1%        | unknown fault 'crash-disk'
            post-5xx=101%        | at most 100%
            post-5xx=1%,post-5xx=2% | given twice
            """)
    void parse_whenBad_saysWhatIsWrong(String spec, String message) {
        assertThatThrownBy(() -> Chaos.parse(spec)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void crashing_handlesTheRecordsBeforeTheCrash_thenDiesWithoutAnAnswer() {
        List<List<Integer>> handled = new ArrayList<>();

        var function = Chaos.<List<Integer>>crashing(() -> true, (records, context) -> {
            handled.add(records);
            return null;
        }, List::size, (records, count) -> records.subList(0, count));

        assertThatThrownBy(() -> function.apply(List.of(1, 2, 3, 4), null)).isInstanceOf(Chaos.InjectedCrash.class);
        assertThat(handled).singleElement().satisfies(prefix -> assertThat(prefix.size()).isLessThan(4));
    }
}
