package io.github.multiprocessing4j.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.multiprocessing4j.exception.PeerGoneException;
import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.shm.IntValue;
import io.github.multiprocessing4j.shm.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BrokenBarrierException;
import org.junit.jupiter.api.Test;

class SyncPrimitivesTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    static void takeAndRelease(Semaphore sem, Event took, Event release) throws InterruptedException {
        sem.acquire();
        took.set();
        release.await(WAIT);
        sem.release();
    }

    static void waitThenAnswer(Event question, Event answer) throws InterruptedException {
        if (question.await(WAIT)) {
            answer.set();
        }
    }

    @SuppressWarnings("try") // the held lock is released by the try, not used in it
    static void produceUnderCondition(Condition cond, IntValue items) throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            try (Lock.Held held = cond.hold()) {
                items.set(items.get() + 1);
                cond.signalAll();
            }
        }
    }

    static void meetAtBarrier(Barrier barrier, IntValue arrived) throws Exception {
        arrived.addAndGet(1);
        barrier.await(WAIT);
    }

    static void holdUntilGo(Lock lock, Event ready, Event go) throws InterruptedException {
        ready.set();
        go.await(WAIT);
    }

    static void bump(IntValue value) {
        value.addAndGet(100);
    }

    @Test
    void shouldLimitHoldersAcrossProcessesWithASemaphore() throws Exception {
        try (Semaphore sem = new Semaphore(1); Event took = new Event(); Event release = new Event()) {
            Process child = new Process(SyncPrimitivesTest::takeAndRelease, sem, took, release);
            child.start();
            assertThat(took.await(WAIT)).isTrue();
            assertThat(sem.getValue()).isZero();
            assertThat(sem.acquire(Duration.ofMillis(50))).isFalse();
            release.set();
            assertThat(sem.acquire(WAIT)).isTrue();
            assertThat(child.join(WAIT)).isTrue();
            sem.release();
            assertThat(sem.getValue()).isEqualTo(1);
        }
    }

    @Test
    void shouldRefuseToReleaseABoundedSemaphoreTooOften() throws Exception {
        try (BoundedSemaphore sem = new BoundedSemaphore(2)) {
            sem.acquire();
            sem.release();
            assertThatThrownBy(sem::release).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("semaphore released too many times: name=mp4j-")
                    .hasMessageEndingWith("value=2, bound=2");
        }
        assertThatThrownBy(() -> new Semaphore(-1)).hasMessage("semaphore initial value must be >= 0: value=-1");
    }

    @Test
    void shouldWakeAWaiterInAnotherProcessWithAnEvent() throws Exception {
        try (Event question = new Event(); Event answer = new Event()) {
            Process child = new Process(SyncPrimitivesTest::waitThenAnswer, question, answer);
            child.start();
            assertThat(answer.await(Duration.ofMillis(20))).isFalse();
            question.set();
            assertThat(answer.await(WAIT)).isTrue();
            assertThat(answer.isSet()).isTrue();
            answer.clear();
            assertThat(answer.isSet()).isFalse();
            assertThat(child.join(WAIT)).isTrue();
        }
    }

    @Test
    @SuppressWarnings("try") // the held lock is released by the try, not used in it
    void shouldWaitForAPredicateSignalledFromAnotherProcess() throws Exception {
        try (Condition cond = new Condition(); IntValue items = Value.ofInt(0)) {
            Process producer = new Process(SyncPrimitivesTest::produceUnderCondition, cond, items);
            producer.start();
            boolean done;
            try (Lock.Held held = cond.hold()) {
                done = cond.waitFor(() -> items.get() == 5, WAIT);
            }
            assertThat(done).isTrue();
            assertThat(producer.join(WAIT)).isTrue();
            assertThat(producer.exitCode()).hasValue(0);
        }
    }

    @Test
    void shouldRefuseToWaitOrSignalWithoutTheLock() {
        try (Lock lock = new Lock(); Condition cond = new Condition(lock)) {
            assertThatThrownBy(cond::signal).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("cannot signal a condition whose lock this thread does not hold");
            assertThatThrownBy(() -> cond.await(WAIT)).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("cannot wait on a condition whose lock this thread does not hold");
        }
    }

    @Test
    void shouldNotLetAWaiterThatTimedOutSwallowASignalMeantForAnother() throws Exception {
        try (Condition cond = new Condition(); Event firstWaiting = new Event(); Event secondWaiting = new Event()) {
            java.util.concurrent.CompletableFuture<Boolean> first = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> awaitUnderLock(cond, Duration.ofMillis(300), firstWaiting));
            assertThat(firstWaiting.await(WAIT)).isTrue();
            // the first waiter holds ticket 0; the second takes ticket 1, then the first times out
            java.util.concurrent.CompletableFuture<Boolean> second = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> awaitUnderLock(cond, WAIT, secondWaiting));
            assertThat(first.get(30, java.util.concurrent.TimeUnit.SECONDS)).isFalse();
            assertThat(secondWaiting.await(WAIT)).isTrue();
            try (Lock.Held held = cond.hold()) {
                cond.signal();
            }
            assertThat(second.get(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }
    }

    @SuppressWarnings("try")
    private static boolean awaitUnderLock(Condition cond, Duration timeout, Event waiting) {
        try (Lock.Held held = cond.hold()) {
            if (waiting != null) {
                waiting.set(); // still holding the lock: the await below takes the next ticket first
            }
            return cond.await(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void shouldWaitTheWholeTimeoutAfterTheSetterDiedAsPythonDoes() throws Exception {
        try (Event event = new Event(); Semaphore sem = new Semaphore(0); Lock lock = new Lock();
                Condition cond = new Condition(lock)) {
            Process child = new Process(SyncPrimitivesTest::attachAllAndExit, event, sem, cond);
            child.start();
            assertThat(child.join(WAIT)).isTrue();
            Duration t = Duration.ofMillis(300);
            // Python: Event.wait(t), Semaphore.acquire(timeout=t), Condition.wait(t) return False after t, not before
            long start = System.nanoTime();
            assertThat(event.await(t)).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(t);
            start = System.nanoTime();
            assertThat(sem.acquire(t)).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(t);
            try (Lock.Held held = cond.hold()) {
                start = System.nanoTime();
                assertThat(cond.await(t)).isFalse();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(t);
            }
            // and an untimed wait is woken by a thread of this process
            Thread setter = new Thread(event::set);
            setter.start();
            event.await();
            assertThat(event.isSet()).isTrue();
            setter.join(WAIT.toMillis());
        }
    }

    static void attachAllAndExit(Event event, Semaphore sem, Condition cond) {
        // holds the three objects, then exits without setting, releasing or notifying
        event.isSet();
    }

    @Test
    void shouldRemoveTheFileWhenTheLastHolderExitsAfterTheCreatorClosed() throws Exception {
        try (Event ready = new Event(); Event go = new Event()) {
            Lock lock = new Lock();
            Path file = Path.of("/dev/shm", lock.name());
            Process child = new Process(SyncPrimitivesTest::holdUntilGo, lock, ready, go);
            child.start();
            assertThat(ready.await(WAIT)).isTrue();
            lock.close();
            assertThat(file).exists(); // the child still holds it
            go.set();
            assertThat(child.join(WAIT)).isTrue();
            assertThat(Files.exists(file)).isFalse(); // the child's exit was its last holder's close
        }
    }

    @Test
    void shouldReleaseAllPartiesOfABarrierAndRunItsActionOnce() throws Exception {
        try (IntValue arrived = Value.ofInt(0); IntValue actions = Value.ofInt(0);
                Barrier barrier = new Barrier(3, () -> bump(actions), WAIT)) {
            Process a = new Process(SyncPrimitivesTest::meetAtBarrier, barrier, arrived);
            Process b = new Process(SyncPrimitivesTest::meetAtBarrier, barrier, arrived);
            a.start();
            b.start();
            int index = barrier.await();
            assertThat(index).isBetween(0, 2);
            assertThat(arrived.get()).isEqualTo(2);
            assertThat(a.join(WAIT) && b.join(WAIT)).isTrue();
            assertThat(a.exitCode()).hasValue(0);
            assertThat(b.exitCode()).hasValue(0);
            assertThat(actions.get()).isEqualTo(100);
        }
    }

    @Test
    void shouldBreakTheBarrierWhenAWaitTimesOut() throws Exception {
        try (Barrier barrier = new Barrier(2)) {
            assertThatThrownBy(() -> barrier.await(Duration.ofMillis(30)))
                    .isInstanceOf(BrokenBarrierException.class)
                    .hasMessageStartingWith("barrier is broken: reason=timed out after PT0.03S");
            assertThat(barrier.isBroken()).isTrue();
            assertThatThrownBy(() -> barrier.await(WAIT)).isInstanceOf(BrokenBarrierException.class);
            barrier.reset();
            assertThat(barrier.isBroken()).isFalse();
            assertThat(barrier.nWaiting()).isZero();
        }
    }
}
