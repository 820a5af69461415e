package com.stockpulse.functions.broadcast;

import com.stockpulse.functions.broadcast.FlashSaleSimulation.Outcome;
import com.stockpulse.functions.broadcast.FlashSaleSimulation.Scenario;
import com.stockpulse.model.FunctionSetting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flash sale at AWS scale on simulated time ({@link FlashSaleSimulation}): one hot SKU, 2,000 sales/s for 60 s,
 * the account's 10,000 posts/s. Staleness cannot stay below viewers / budget seconds: the bound is physics.
 */
class FlashSaleSimulationTest {

    /** What the stack gives each fan-out invocation: 8,000 posts/s shared by its 2 concurrent invocations. */
    private static final int STACK_BUDGET = FunctionSetting.AWS_POST_BUDGET / 2;

    @Test
    void flashSale_twentyThousandViewers_staysInBudgetAndItemCapAndEveryViewerEndsExact() {
        Outcome outcome = FlashSaleSimulation.run(Scenario.productPage(20_000, 10_000));
        System.out.println("flash-sale simulation: " + outcome);

        assertThat(outcome.maxPostsInASecond()).isLessThanOrEqualTo(10_000);
        // The store refuses a write past 500 a second; no refusal means the cap was never reached.
        assertThat(outcome.consumerFailures()).isZero();
        assertThat(outcome.maxItemWritesInASecond()).isLessThanOrEqualTo(500);
        assertThat(outcome.viewersWrongAtEnd()).isZero();
        // 20,000 viewers / 10,000 posts/s: each viewer can get an update every 2 s at best.
        double floor = outcome.scenario().floorSeconds();
        assertThat(outcome.stalenessP99()).isBetween(floor * 0.8, floor + 0.5);
        assertThat(outcome.worstViewerP99()).isLessThanOrEqualTo(floor + 0.5);
    }

    @Test
    void flashSale_whenTheBudgetCoversEveryViewerOnceASecond_everyViewerIsWithinOneSecondAtP99() {
        Outcome outcome = FlashSaleSimulation.run(Scenario.productPage(8_000, 10_000));
        System.out.println("flash-sale simulation: " + outcome);

        assertThat(outcome.maxPostsInASecond()).isLessThanOrEqualTo(10_000);
        assertThat(outcome.viewersWrongAtEnd()).isZero();
        assertThat(outcome.worstViewerP99()).isLessThanOrEqualTo(1.0);
    }

    /**
     * Audiences larger than one invocation can reach (budget x deadline): the stack's 4,000 posts/s per fan-out
     * invocation and 5 s deadline reach 20,000 posts: a listing of 6 SKUs watched by 20,000 viewers, and 100,000
     * viewers of one SKU. Every broadcast finishes, no record waits on one, and every viewer ends exact.
     */
    @ParameterizedTest(name = "{0} viewers x {1} SKUs")
    @CsvSource({"20000, 6", "100000, 1"})
    void audiencesLargerThanOneInvocation_everyBroadcastFinishesAndNoRecordWaitsOnOne(int viewers, int skus) {
        Outcome outcome = FlashSaleSimulation.run(
                new Scenario(viewers, skus, STACK_BUDGET, 2_000, 60, FunctionSetting.FANOUT_DEADLINE.defaultValue()));
        System.out.println("aws-scale simulation: " + outcome);

        assertFinishedAndExact(outcome);
    }

    private static void assertFinishedAndExact(Outcome outcome) {
        assertThat(outcome.maxPostsInASecond()).isLessThanOrEqualTo(outcome.scenario().budget());
        assertThat(outcome.failedRecords()).as("no record is failed for a large audience").isZero();
        assertThat(outcome.unfinishedBroadcasts()).isZero();
        assertThat(outcome.viewersWrongAtEnd()).isZero();
        // An invocation never runs past its deadline (and the workers' grace).
        double deadline = outcome.scenario().deadline().toMillis() / 1000.0;
        assertThat(outcome.longestInvocationSeconds()).isLessThanOrEqualTo(deadline + 0.2);
        assertThat(outcome.longestRecordWaitSeconds()).as("the shard waits at most one invocation")
                .isLessThanOrEqualTo(outcome.longestInvocationSeconds() + 0.5);
        // Each viewer gets each SKU once per pass over everyone: viewers x SKUs / budget seconds.
        double floor = outcome.scenario().floorSeconds();
        assertThat(outcome.stalenessP99()).isLessThanOrEqualTo(floor * 1.5 + 1);
        assertThat(outcome.allExactAfterSaleSeconds()).isBetween(0.0, floor * 1.5 + 2);
    }
}
