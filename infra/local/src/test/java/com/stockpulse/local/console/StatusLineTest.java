package com.stockpulse.local.console;

import com.stockpulse.local.runtime.RuntimeSample;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusLineTest {

    private static final Duration EVERY = Duration.ofSeconds(5);

    @Test
    void whileSalesAndPostsMove_saysHowFastPerSecond() throws Exception {
        var status = new java.util.ArrayDeque<RuntimeSample>();
        status.add(new RuntimeSample(0, 0, 0, Duration.ZERO));
        StatusLine line = StatusLine.start(status::peekLast, new java.io.PrintWriter(java.io.Writer.nullWriter()),
                Duration.ofHours(1));
        try {
            Optional<String> text = line.next(new RuntimeSample(2_000, 1_000, 20_000, Duration.ofMillis(140)), EVERY);

            assertThat(text).hasValueSatisfying(value -> assertThat(value)
                    .endsWith("2,000 sockets · 200 sales/s applied (lag 140 ms) · 4,000 posts/s"));
        } finally {
            line.close();
        }
    }

    @Test
    void whenNothingMoved_saysNothing() {
        RuntimeSample idle = new RuntimeSample(3, 10, 50, Duration.ofMillis(20));
        StatusLine line = StatusLine.start(() -> idle, new java.io.PrintWriter(java.io.Writer.nullWriter()),
                Duration.ofHours(1));
        try {
            assertThat(line.next(idle, EVERY)).isEmpty();
            assertThat(line.next(new RuntimeSample(4, 10, 50, Duration.ofMillis(20)), EVERY))
                    .as("a socket opened").isPresent();
            assertThat(line.next(new RuntimeSample(4, 11, 50, Duration.ofMillis(20)), EVERY))
                    .as("one sale in 5 s").hasValueSatisfying(text -> assertThat(text).contains("0.2 sales/s"));
        } finally {
            line.close();
        }
    }
}
