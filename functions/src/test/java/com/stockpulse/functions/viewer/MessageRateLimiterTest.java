package com.stockpulse.functions.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import com.stockpulse.functions.testing.MutableClock;
import com.stockpulse.functions.viewer.MessageRateLimiter.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageRateLimiterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final MessageRateLimiter limiter = new MessageRateLimiter(10, 20, clock);

    private List<Verdict> admit(String connectionId, int times) {
        List<Verdict> verdicts = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            verdicts.add(limiter.admit(connectionId));
        }
        return verdicts;
    }

    @Test
    void aBurstUpToTheLimitIsAllowed_thenOneErrorThenSilence() {
        List<Verdict> verdicts = admit("c1", 23);

        assertThat(verdicts.subList(0, 20)).containsOnly(Verdict.ALLOWED);
        assertThat(verdicts.subList(20, 23)).containsExactly(Verdict.REFUSED_WITH_ERROR, Verdict.REFUSED, Verdict.REFUSED);
    }

    @Test
    void tokensComeBackAtTheRate_upToTheBurst() {
        admit("c1", 20);

        clock.advance(Duration.ofMillis(300));
        assertThat(admit("c1", 4)).containsExactly(Verdict.ALLOWED, Verdict.ALLOWED, Verdict.ALLOWED,
                Verdict.REFUSED_WITH_ERROR);

        clock.advance(Duration.ofHours(1));
        assertThat(admit("c1", 21)).endsWith(Verdict.REFUSED_WITH_ERROR).containsOnlyOnce(Verdict.REFUSED_WITH_ERROR);
    }

    @Test
    void tenAMessagesASecond_isNeverRefused() {
        for (int i = 0; i < 1_000; i++) {
            assertThat(limiter.admit("steady")).isEqualTo(Verdict.ALLOWED);
            clock.advance(Duration.ofMillis(100));
        }
    }

    @Test
    void refusalsInARow_closeTheSocketOnce_andItsLaterMessagesGetNothing() {
        List<Verdict> verdicts = admit("abuser", 20 + MessageRateLimiter.CLOSE_AFTER + 10);

        assertThat(verdicts.get(20 + MessageRateLimiter.CLOSE_AFTER - 1)).isEqualTo(Verdict.CLOSE);
        assertThat(verdicts).containsOnlyOnce(Verdict.CLOSE);
        assertThat(verdicts.subList(20 + MessageRateLimiter.CLOSE_AFTER, verdicts.size())).containsOnly(Verdict.REFUSED);
    }

    @Test
    void oneSocketsBurst_doesNotTouchAnothersBudget() {
        admit("loud", 100);

        assertThat(admit("quiet", 20)).containsOnly(Verdict.ALLOWED);
    }

    @Test
    void aClientThatStaysAtOneAndAHalfTimesTheRate_isClosedWithinSeconds_afterOneError() {
        List<Verdict> verdicts = new ArrayList<>();
        for (int i = 0; i < 150 && !verdicts.contains(Verdict.CLOSE); i++) {
            verdicts.add(limiter.admit("steady-abuser"));
            clock.advance(Duration.ofMillis(1_000 / 15));
        }

        assertThat(verdicts).contains(Verdict.CLOSE).containsOnlyOnce(Verdict.REFUSED_WITH_ERROR);
        assertThat(verdicts.size()).as("messages before the close, at 15 a second").isLessThan(15 * 8);
    }

    @Test
    void aCloseThatFailed_isAskedForAgainByTheNextRefusal() {
        List<Verdict> verdicts = admit("abuser", 20 + MessageRateLimiter.CLOSE_AFTER);
        assertThat(verdicts.getLast()).isEqualTo(Verdict.CLOSE);

        limiter.closeFailed("abuser");

        assertThat(limiter.admit("abuser")).isEqualTo(Verdict.CLOSE);
        assertThat(limiter.admit("abuser")).isEqualTo(Verdict.REFUSED);
    }
}
