package io.github.multiprocessing4j.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.shm.Array;
import io.github.multiprocessing4j.shm.IntArray;
import io.github.multiprocessing4j.shm.IntValue;
import io.github.multiprocessing4j.shm.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class LockTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    static void holdForever(Lock lock, Event held) throws InterruptedException {
        lock.acquire();
        held.set();
        Thread.sleep(120_000);
    }

    @SuppressWarnings("try") // the held lock is released by the try, not used in it
    static void incrementUnderLock(IntValue counter, Integer times) throws InterruptedException {
        for (int i = 0; i < times; i++) {
            try (Lock.Held held = counter.getLock().hold()) {
                counter.set(counter.get() + 1);
            }
        }
    }

    static void incrementAndCount(IntValue counter, IntArray mine, Integer index, Event progressed)
            throws InterruptedException {
        Lockable lock = counter.getLock();
        for (int i = 0; i < 50_000; i++) {
            lock.acquire();
            counter.set(counter.get() + 1);
            mine.set(index, mine.get(index) + 1);
            lock.release();
            if (i == 1_000) {
                progressed.set();
            }
        }
    }

    static void incrementLockFree(IntValue counter, Integer times) {
        for (int i = 0; i < times; i++) {
            counter.addAndGet(1);
        }
    }

    @Test
    void shouldRecoverLockWhoseHolderWasKilledAndSayWho() throws Exception {
        try (Lock lock = new Lock(); Event held = new Event()) {
            Process holder = new Process(LockTest::holdForever, lock, held);
            holder.start();
            assertThat(held.await(WAIT)).isTrue();
            assertThat(lock.isLocked()).isTrue();
            assertThat(lock.acquire(Duration.ofMillis(50))).isFalse();
            holder.kill();
            assertThat(holder.join(WAIT)).isTrue();
            // recovered, not timed out (how fast is measured by the benchmarks, not asserted on a busy machine)
            assertThat(lock.acquire(WAIT)).isTrue();
            assertThat(lock.recoveredFromDeadOwner()).hasValue(holder.pid());
            lock.release();
            assertThat(lock.acquire(Duration.ofSeconds(1))).isTrue();
            assertThat(lock.recoveredFromDeadOwner()).isEmpty();
            lock.release();
        }
    }

    @Test
    void shouldCountExactlyWhenSeveralProcessesIncrementUnderTheLock() throws Exception {
        try (IntValue counter = Value.ofInt(0)) {
            List<Process> workers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                workers.add(new Process(LockTest::incrementUnderLock, counter, 10_000));
            }
            workers.forEach(Process::start);
            incrementUnderLock(counter, 10_000);
            for (Process p : workers) {
                assertThat(p.join(WAIT)).isTrue();
                assertThat(p.exitCode()).hasValue(0);
            }
            assertThat(counter.get()).isEqualTo(50_000);
        }
    }

    @Test
    @Tag("slow")
    void shouldKeepCountingWhenOneOfSeveralIncrementersIsKilled() throws Exception {
        try (IntValue counter = Value.ofInt(0); IntArray counts = Array.ofInt(3); Event victimProgressed = new Event();
                Event ignored = new Event()) {
            Process victim = new Process(LockTest::incrementAndCount).args(counter, counts, 0, victimProgressed);
            Process a = new Process(LockTest::incrementAndCount).args(counter, counts, 1, ignored);
            Process b = new Process(LockTest::incrementAndCount).args(counter, counts, 2, ignored);
            victim.start();
            a.start();
            b.start();
            assertThat(victimProgressed.await(WAIT)).isTrue();
            victim.kill();
            assertThat(a.join(WAIT) && b.join(WAIT) && victim.join(WAIT)).isTrue();
            assertThat(a.exitCode()).hasValue(0);
            assertThat(b.exitCode()).hasValue(0);
            assertThat(counts.get(1) + counts.get(2)).isEqualTo(100_000);
            // the victim may have died between its two writes, inside the critical section: at most one apart
            int sum = counts.get(0) + counts.get(1) + counts.get(2);
            assertThat(counter.get() - sum).isBetween(0, 1);
            assertThat(counter.getLock().acquire(WAIT)).isTrue();
            counter.getLock().release();
        }
    }

    @Test
    void shouldCountExactlyWithLockFreeAdds() throws Exception {
        try (IntValue counter = Value.ofInt(0)) {
            Process a = new Process(LockTest::incrementLockFree, counter, 100_000);
            Process b = new Process(LockTest::incrementLockFree, counter, 100_000);
            a.start();
            b.start();
            assertThat(a.join(WAIT) && b.join(WAIT)).isTrue();
            assertThat(counter.get()).isEqualTo(200_000);
        }
    }

    @Test
    void shouldRefuseToReleaseALockThatIsNotHeld() {
        try (Lock lock = new Lock()) {
            assertThatThrownBy(lock::release).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("cannot release a lock that is not held: lock=mp4j-");
        }
    }

    @Test
    void shouldLetAnotherThreadReleaseALockAsPythonDoes() throws Exception {
        try (Lock lock = new Lock()) {
            assertThat(lock.tryAcquire()).isTrue();
            assertThat(lock.tryAcquire()).isFalse();
            CompletableFuture.runAsync(lock::release).get(30, TimeUnit.SECONDS);
            assertThat(lock.isLocked()).isFalse();
        }
    }

    @Test
    void shouldTimeOutWhenTheLockIsHeld() throws Exception {
        try (Lock lock = new Lock()) {
            lock.acquire();
            long start = System.nanoTime();
            boolean got = CompletableFuture.supplyAsync(() -> {
                try {
                    return lock.acquire(Duration.ofMillis(100));
                } catch (InterruptedException e) {
                    return true;
                }
            }).get(30, TimeUnit.SECONDS);
            assertThat(got).isFalse();
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
            lock.release();
        }
    }

    @Test
    void shouldRefuseUseAfterClose() {
        Lock lock = new Lock();
        lock.close();
        assertThatThrownBy(lock::tryAcquire).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("lock is closed: name=mp4j-");
        lock.close();
    }

    @Test
    void shouldCountReentrantHoldsAndRefuseReleaseByAnotherThread() throws Exception {
        try (RLock lock = new RLock()) {
            lock.acquire();
            lock.acquire();
            assertThat(lock.isHeldByCurrentThread()).isTrue();
            Throwable fromOther = CompletableFuture.supplyAsync(() -> {
                try {
                    lock.release();
                    return null;
                } catch (IllegalStateException e) {
                    return (Throwable) e;
                }
            }).get(30, TimeUnit.SECONDS);
            assertThat(fromOther).hasMessageStartingWith("cannot release a lock held by another thread or process");
            lock.release();
            assertThat(lock.isHeldByCurrentThread()).isTrue();
            lock.release();
            assertThat(lock.isHeldByCurrentThread()).isFalse();
            assertThatThrownBy(lock::release).hasMessageStartingWith("cannot release a lock that is not held");
        }
    }
}
