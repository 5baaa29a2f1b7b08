package io.github.multiprocessing4j.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.multiprocessing4j.Process;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code SyncManager.condition()} between real processes (Python: {@code manager.Condition()}). */
@Timeout(180)
class ConditionTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** Waits until the parent says 1, then answers 2. */
    static void answerWhenAsked(ManagedCondition cond, ManagedValue<Integer> value) throws InterruptedException {
        cond.acquire();
        try {
            if (!cond.waitFor(() -> value.get() == 1, WAIT)) {
                throw new IllegalStateException("never asked");
            }
            value.set(2);
            cond.signalAll();
        } finally {
            cond.release();
        }
    }

    /** Counts itself as waiting, waits for one signal, counts itself as woken; counts are reported on report. */
    static void waitOnce(ManagedCondition cond, ManagedCondition report, ManagedValue<Integer> waiting,
            ManagedValue<Integer> woken) throws InterruptedException {
        cond.acquire();
        try {
            count(report, waiting);
            if (!cond.await(WAIT)) {
                throw new IllegalStateException("not signalled");
            }
            count(report, woken);
        } finally {
            cond.release();
        }
    }

    private static void count(ManagedCondition report, ManagedValue<Integer> counter) {
        report.acquire();
        try {
            counter.getAndAdd(1);
            report.signalAll();
        } finally {
            report.release();
        }
    }

    private static void awaitCount(ManagedCondition report, ManagedValue<Integer> counter, int expected)
            throws InterruptedException {
        report.acquire();
        try {
            assertThat(report.waitFor(() -> counter.get() == expected, WAIT)).isTrue();
        } finally {
            report.release();
        }
    }

    /** Takes the lock (twice, reentrantly), says so, and dies holding it. */
    static void dieHolding(ManagedCondition cond, ManagedValue<Integer> state) {
        cond.acquire();
        cond.acquire();
        state.set(1);
        Runtime.getRuntime().halt(3);
    }

    /** Waits for ever; killed while waiting. */
    static void waitForEver(ManagedCondition cond, ManagedValue<Integer> state) throws InterruptedException {
        cond.acquire();
        state.set(1);
        cond.signalAll(); // the parent waits for state 1; it wakes once this process waits
        cond.await(null);
    }

    static void takeWithin(ManagedCondition cond, Integer seconds) throws InterruptedException {
        if (!cond.acquire(Duration.ofSeconds(seconds))) {
            throw new IllegalStateException("the lock was not released");
        }
        cond.release();
    }

    @Test
    void shouldWaitForAPredicateSetByAnotherProcess() throws Exception {
        try (SyncManager manager = new SyncManager().start()) {
            ManagedCondition cond = manager.condition();
            ManagedValue<Integer> value = manager.value(0);
            Process child = new Process(ConditionTest::answerWhenAsked, cond, value);
            child.start();
            cond.acquire();
            try {
                value.set(1);
                cond.signalAll();
                assertThat(cond.waitFor(() -> value.get() == 2, WAIT)).isTrue();
            } finally {
                cond.release();
            }
            assertThat(child.join(WAIT)).isTrue();
            assertThat(child.exitCode()).hasValue(0);
        }
    }

    @Test
    void shouldWakeExactlyNWaitersOnSignalN() throws Exception {
        try (SyncManager manager = new SyncManager().start()) {
            ManagedCondition cond = manager.condition();
            ManagedCondition report = manager.condition();
            ManagedValue<Integer> waiting = manager.value(0);
            ManagedValue<Integer> woken = manager.value(0);
            List<Process> children = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Process p = new Process(ConditionTest::waitOnce, cond, report, waiting, woken);
                p.start();
                children.add(p);
            }
            awaitCount(report, waiting, 3);
            // a child holds cond from before it counts until it waits: once we have cond, all 3 wait
            cond.acquire();
            cond.signal(2);
            cond.release();
            awaitCount(report, woken, 2);
            cond.acquire();
            assertThat(woken.get()).isEqualTo(2); // the third still waits: nobody signalled it
            cond.signal(1);
            cond.release();
            awaitCount(report, woken, 3);
            cond.acquire();
            assertThat(cond.await(Duration.ofMillis(20))).isFalse();
            cond.release();
            for (Process p : children) {
                assertThat(p.join(WAIT)).isTrue();
                assertThat(p.exitCode()).hasValue(0);
            }
        }
    }

    @Test
    void shouldReleaseTheLockOfAProcessThatDiedHoldingOrWaiting() throws Exception {
        try (SyncManager manager = new SyncManager().start()) {
            ManagedCondition cond = manager.condition();
            ManagedValue<Integer> state = manager.value(0);
            Process holder = new Process(ConditionTest::dieHolding, cond, state);
            holder.start();
            assertThat(holder.join(WAIT)).isTrue();
            assertThat(holder.exitCode()).hasValue(3);
            assertThat(state.get()).isEqualTo(1);
            assertThat(cond.acquire(WAIT)).isTrue(); // the manager let go of the dead holder's lock
            cond.release();

            state.set(0);
            Process waiter = new Process(ConditionTest::waitForEver, cond, state);
            waiter.start();
            cond.acquire();
            try {
                assertThat(cond.waitFor(() -> state.get() == 1, WAIT)).isTrue(); // it waits: we hold the lock
            } finally {
                cond.release();
            }
            waiter.kill();
            assertThat(waiter.join(WAIT)).isTrue();
            cond.acquire();
            cond.signalAll(); // wakes the dead waiter's manager thread, which re-takes the lock, then lets go
            cond.release();
            Process taker = new Process(ConditionTest::takeWithin, cond, 30);
            taker.start();
            assertThat(taker.join(WAIT)).isTrue();
            assertThat(taker.exitCode()).hasValue(0);
        }
    }

    @Test
    void shouldRefuseToWaitOrSignalWithoutTheLock() throws Exception {
        try (SyncManager manager = new SyncManager().start()) {
            ManagedCondition cond = manager.condition();
            assertThatThrownBy(() -> cond.await(Duration.ofMillis(1))).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("cannot await a managed condition whose lock this thread does not hold");
            assertThatThrownBy(() -> cond.signal(1)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(cond::release).isInstanceOf(IllegalStateException.class);
            cond.acquire();
            assertThatThrownBy(() -> cond.signal(-1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("signal(n) needs n >= 0");
            cond.release();
        }
    }
}
