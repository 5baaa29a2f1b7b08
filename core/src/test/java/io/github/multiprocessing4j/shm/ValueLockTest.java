package io.github.multiprocessing4j.shm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.ipc.Queue;
import io.github.multiprocessing4j.sync.Event;
import io.github.multiprocessing4j.sync.Lock;
import io.github.multiprocessing4j.sync.Lockable;
import io.github.multiprocessing4j.sync.RLock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Python's {@code lock} argument of Value and Array: own RLock, none, a given lock; getLock, getObj, raw. */
class ValueLockTest {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int TIMES = 100_000;

    @SuppressWarnings("try") // the held lock is released by the try, not used in it
    static void increment(IntValue counter) throws InterruptedException {
        for (int i = 0; i < TIMES; i++) {
            try (var held = counter.getLock().hold()) { // Python: with counter.get_lock(): counter.value += 1
                counter.set(counter.get() + 1);
            }
        }
    }

    static void incrementFromQueue(Queue<IntValue> q) throws InterruptedException {
        try (IntValue counter = q.get()) {
            increment(counter);
        }
    }

    /** In the child: the value (an argument) and the array (through a queue) have the same given lock; hold it. */
    static void holdTheGivenLock(IntValue value, Queue<DoubleArray> q, Event held, Event done) throws Exception {
        try (DoubleArray array = q.get()) {
            Lockable lock = value.getLock();
            if (!(lock instanceof Lock) || !lock.name().equals(array.getLock().name())) {
                throw new AssertionError("not the given lock: value's=" + lock + ", array's=" + array.getLock());
            }
            lock.acquire();
            held.set();
            done.await(WAIT);
            array.getLock().release(); // the same Lock, which any thread of any process may release
        }
    }

    @Test
    void shouldCountExactlyWhenTwoChildrenIncrementUnderGetLock() throws Exception {
        try (IntValue counter = Value.of('i', 0); Queue<IntValue> q = new Queue<>()) {
            assertThat(counter.getLock()).isInstanceOf(RLock.class); // Python's default lock=True: an RLock
            Process byArgument = new Process(ValueLockTest::increment, counter);
            Process byQueue = new Process(ValueLockTest::incrementFromQueue, q);
            byArgument.start();
            byQueue.start();
            q.put(counter);
            assertThat(byArgument.join(WAIT)).isTrue();
            assertThat(byQueue.join(WAIT)).isTrue();
            assertThat(byArgument.exitCode()).hasValue(0);
            assertThat(byQueue.exitCode()).hasValue(0);
            assertThat(counter.get()).isEqualTo(2 * TIMES);
        }
    }

    @Test
    void shouldReturnTheGivenLockAndShareItWithAnotherValueInAChild() throws Exception {
        try (Lock lock = new Lock(); IntValue value = Value.of('i', 0, lock);
                DoubleArray array = Array.of('d', 2, lock); Queue<DoubleArray> q = new Queue<>();
                Event held = new Event(); Event done = new Event()) {
            assertThat(value.getLock()).isSameAs(lock);
            assertThat(array.getLock()).isSameAs(lock);
            Process child = new Process(ValueLockTest::holdTheGivenLock, value, q, held, done);
            child.start();
            q.put(array);
            assertThat(held.await(WAIT)).isTrue();
            assertThat(lock.isLocked()).isTrue();
            assertThat(value.getLock().acquire(Duration.ofMillis(50))).isFalse();
            done.set();
            assertThat(child.join(WAIT)).isTrue();
            assertThat(child.exitCode()).hasValue(0);
            assertThat(lock.isLocked()).isFalse();
        }
    }

    @Test
    void shouldTakeAGivenRLockAndANullLockAsPythonDoes() throws Exception {
        try (RLock rlock = new RLock(); LongValue v = Value.of('q', 1, rlock);
                IntArray a = Array.of('i', 2, (Lockable) null)) {
            assertThat(v.getLock()).isSameAs(rlock);
            v.getLock().acquire();
            v.getLock().acquire(); // reentrant
            v.getLock().release();
            v.getLock().release();
            assertThat(a.hasLock()).isTrue(); // Python: lock=None means a new lock
            assertThat(a.getLock()).isInstanceOf(RLock.class);
        }
    }

    @Test
    void shouldHaveNoLockWhenMadeWithLockFalseOrRaw() {
        try (IntValue noLock = Value.of('i', 3, false); DoubleValue raw = Value.raw('d', 2.5);
                LongArray rawArray = Array.raw('Q', 4); CharArray noLockArray = Array.of('c', 3, false)) {
            for (SharedSlots s : new SharedSlots[] {noLock, raw, rawArray, noLockArray}) {
                assertThat(s.hasLock()).isFalse();
                assertThatThrownBy(s::getLock).isInstanceOf(IllegalStateException.class)
                        .hasMessage("no lock: name=" + s.name() + " was made with lock=false, by raw() or by"
                                + " getObj(); make it with lock=true or a given Lock to use getLock()");
            }
            assertThatThrownBy(noLock::getObj).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("no synchronized wrapper: name=" + noLock.name());
            assertThat(noLock.get()).isEqualTo(3);
            assertThat(raw.get()).isEqualTo(2.5);
            assertThat(rawArray.length()).isEqualTo(4);
        }
    }

    @Test
    void shouldGiveTheRawObjectOfTheSameMemory() {
        try (IntValue v = Value.of('i', 5); IntArray a = Array.of('B', 3)) {
            IntValue raw = v.getObj();
            assertThat(v.getObj()).isSameAs(raw);
            assertThat(raw.hasLock()).isFalse();
            raw.set(7);
            assertThat(v.get()).isEqualTo(7);
            assertThat(raw.typecode()).isEqualTo('i');
            assertThatThrownBy(raw::getLock).isInstanceOf(IllegalStateException.class);
            IntArray rawArray = a.getObj();
            rawArray.set(2, 255);
            assertThat(a.get(2)).isEqualTo(255);
            assertThatThrownBy(() -> rawArray.set(0, 256)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
