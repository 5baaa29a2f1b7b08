package io.github.multiprocessing4j.internal.shm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpinBudgetTest {
    @Test
    void shouldStayAboutTwiceTheRecentShortWaitsAndNoMoreThanTheBound() {
        SpinBudget budget = new SpinBudget();
        assertThat(budget.nanos()).isEqualTo(Waiter.YIELD_NANOS);
        for (int i = 0; i < 50; i++) {
            budget.waited(30_000, false, false);
        }
        assertThat(budget.nanos()).isBetween(59_000L, 60_000L);
        for (int i = 0; i < 50; i++) {
            budget.waited(150_000, false, false); // just missed a stay: the answer came in the first park
        }
        assertThat(budget.nanos()).isBetween(SpinBudget.MAX_NANOS - 1_000, SpinBudget.MAX_NANOS);
    }

    @Test
    void shouldGoBackToTheShortStayWhenWaitsAreLongOrTimeOut() {
        SpinBudget budget = new SpinBudget();
        for (int i = 0; i < 50; i++) {
            budget.waited(40_000, false, false);
        }
        assertThat(budget.nanos()).isGreaterThan(Waiter.YIELD_NANOS * 2);
        for (int i = 0; i < 50; i++) {
            budget.waited(5_000_000, false, false);
        }
        assertThat(budget.nanos()).isBetween(Waiter.YIELD_NANOS, Waiter.YIELD_NANOS + 1_000);
        for (int i = 0; i < 50; i++) {
            budget.waited(40_000, false, false);
        }
        for (int i = 0; i < 50; i++) {
            budget.waited(-1, false, false);
        }
        assertThat(budget.nanos()).isBetween(Waiter.YIELD_NANOS, Waiter.YIELD_NANOS + 1_000);
    }

    @Test
    void shouldStopSpinningWhenWaitsEndOnlyAfterYieldingAndSpinAgainWhenAProbeEndsWhileSpinning() {
        SpinBudget budget = new SpinBudget();
        assertThat(budget.spinNanos()).isEqualTo(Waiter.SPIN_NANOS);
        for (int i = 0; i < 20; i++) {
            budget.waited(12_000, false, true); // the peer shares this core: it answered once this thread yielded
        }
        int probes = 0;
        for (int i = 0; i < SpinBudget.PROBE_EVERY; i++) {
            long spin = budget.spinNanos();
            assertThat(spin).isIn(SpinBudget.MIN_SPIN_NANOS, Waiter.SPIN_NANOS);
            if (spin == Waiter.SPIN_NANOS) {
                probes++;
            }
        }
        assertThat(probes).isEqualTo(1);
        budget.waited(2_000, true, false); // the probe caught the answer while spinning: the peer is on another core
        assertThat(budget.spinNanos()).isEqualTo(Waiter.SPIN_NANOS);
    }
}
