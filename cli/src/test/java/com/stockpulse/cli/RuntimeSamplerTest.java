package com.stockpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RuntimeSamplerTest {

    private static RuntimeSampler.Sample at(long second, long threads) {
        return new RuntimeSampler.Sample(second * 1000, 0, threads, 0, 0);
    }

    @Test
    void trend_isFlatWhileNothingAfterTheFirstMinuteExceedsItsMeanByTenPercent() {
        List<RuntimeSampler.Sample> steady = List.of(at(0, 100), at(30, 110), at(60, 112), at(600, 115));
        List<RuntimeSampler.Sample> leaking = List.of(at(0, 100), at(30, 100), at(60, 105), at(600, 140));

        assertThat(RuntimeSampler.Trend.of(steady, RuntimeSampler.Sample::liveThreads))
                .isEqualTo(new RuntimeSampler.Trend(105, 115, true));
        assertThat(RuntimeSampler.Trend.of(leaking, RuntimeSampler.Sample::liveThreads).flat()).isFalse();
        assertThat(RuntimeSampler.Trend.of(List.of(), RuntimeSampler.Sample::liveThreads).flat()).isTrue();
    }
}
