package io.github.multiprocessing4j.internal.shm;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.ipc.Connection;
import io.github.multiprocessing4j.ipc.JoinableQueue;
import io.github.multiprocessing4j.ipc.Pipe;
import io.github.multiprocessing4j.ipc.Queue;
import io.github.multiprocessing4j.ipc.SimpleQueue;
import io.github.multiprocessing4j.shm.Array;
import io.github.multiprocessing4j.shm.BooleanValue;
import io.github.multiprocessing4j.shm.DoubleArray;
import io.github.multiprocessing4j.shm.DoubleValue;
import io.github.multiprocessing4j.shm.IntArray;
import io.github.multiprocessing4j.shm.IntValue;
import io.github.multiprocessing4j.shm.LongArray;
import io.github.multiprocessing4j.shm.LongValue;
import io.github.multiprocessing4j.shm.SharedMemory;
import io.github.multiprocessing4j.shm.Value;
import io.github.multiprocessing4j.sync.Barrier;
import io.github.multiprocessing4j.sync.BoundedSemaphore;
import io.github.multiprocessing4j.sync.Condition;
import io.github.multiprocessing4j.sync.Event;
import io.github.multiprocessing4j.sync.Lock;
import io.github.multiprocessing4j.sync.RLock;
import io.github.multiprocessing4j.sync.Semaphore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every handle type crosses to a child through {@link HandleProxy} (inside a queue message) and works there. */
class HandleRoundTripTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** The child: takes the handles off the carrier queue (which itself came as an argument) and uses each. */
    @SuppressWarnings("unchecked")
    static void useEvery(Queue<ArrayList<Object>> carrier) throws Exception {
        List<Object> h = carrier.get(WAIT);
        int i = 0;
        Lock lock = (Lock) h.get(i++);
        lock.acquire();
        lock.release();
        RLock rlock = (RLock) h.get(i++);
        rlock.acquire();
        rlock.acquire();
        rlock.release();
        rlock.release();
        ((Semaphore) h.get(i++)).release();
        ((BoundedSemaphore) h.get(i++)).release();
        ((Event) h.get(i++)).set();
        Condition cond = (Condition) h.get(i++);
        cond.acquire();
        cond.signalAll();
        cond.release();
        ((Barrier) h.get(i++)).await(WAIT);
        ((Queue<Object>) h.get(i++)).put("queue");
        ((SimpleQueue<Object>) h.get(i++)).put("simple");
        JoinableQueue<Object> joinable = (JoinableQueue<Object>) h.get(i++);
        joinable.get(WAIT);
        joinable.taskDone();
        ((Connection) h.get(i++)).send("pipe");
        ((SharedMemory) h.get(i++)).buf().putInt(0, 42);
        ((IntValue) h.get(i++)).set(1);
        ((LongValue) h.get(i++)).set(2);
        ((DoubleValue) h.get(i++)).set(3.5);
        ((BooleanValue) h.get(i++)).set(true);
        ((IntArray) h.get(i++)).set(0, 4);
        ((LongArray) h.get(i++)).set(1, 5);
        ((DoubleArray) h.get(i++)).set(2, 6.5);
        RLock valueLock = (RLock) h.get(i++); // a Value's own lock is an RLock, as Python's default
        valueLock.acquire();
        valueLock.release();
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldAttachEveryHandleTypeInAChildAndWorkThere() throws Exception {
        List<AutoCloseable> open = new ArrayList<>();
        try (Queue<ArrayList<Object>> carrier = new Queue<>(); Pipe pipe = Pipe.open()) {
            BoundedSemaphore bounded = new BoundedSemaphore(1);
            bounded.acquire();
            Event event = new Event();
            Barrier barrier = new Barrier(2);
            JoinableQueue<Object> joinable = new JoinableQueue<>();
            joinable.put("task");
            IntValue intValue = Value.ofInt(0);
            List<AutoCloseable> handles = List.of(new Lock(), new RLock(), new Semaphore(0), bounded, event,
                    new Condition(), barrier, new Queue<>(), new SimpleQueue<>(), joinable, pipe.conn2(),
                    SharedMemory.create(16), intValue, Value.ofLong(0), Value.ofDouble(0), Value.ofBoolean(false),
                    Array.ofInt(1), Array.ofLong(2), Array.ofDouble(3), intValue.getLock());
            open.addAll(handles);
            Process child = new Process(HandleRoundTripTest::useEvery, carrier);
            child.start();
            carrier.put(new ArrayList<>(handles));
            assertThat(barrier.await(WAIT)).isBetween(0, 1);
            assertThat(joinable.join(WAIT)).isTrue();
            assertThat(child.join(WAIT)).isTrue();
            assertThat(child.exitCode()).hasValue(0);

            assertThat(((Semaphore) handles.get(2)).getValue()).isEqualTo(1);
            assertThat(bounded.getValue()).isEqualTo(1);
            assertThat(event.isSet()).isTrue();
            assertThat(((Queue<Object>) handles.get(7)).get(WAIT)).isEqualTo("queue");
            assertThat(((SimpleQueue<Object>) handles.get(8)).get()).isEqualTo("simple");
            assertThat(pipe.conn1().recv()).isEqualTo("pipe");
            assertThat(((SharedMemory) handles.get(11)).buf().getInt(0)).isEqualTo(42);
            assertThat(intValue.get()).isEqualTo(1);
            assertThat(((LongValue) handles.get(13)).get()).isEqualTo(2);
            assertThat(((DoubleValue) handles.get(14)).get()).isEqualTo(3.5);
            assertThat(((BooleanValue) handles.get(15)).get()).isTrue();
            assertThat(((IntArray) handles.get(16)).get(0)).isEqualTo(4);
            assertThat(((LongArray) handles.get(17)).get(1)).isEqualTo(5);
            assertThat(((DoubleArray) handles.get(18)).get(2)).isEqualTo(6.5);
            assertThat(((Lock) handles.get(0)).isLocked()).isFalse();
            assertThat(intValue.getLock().isLocked()).isFalse();
        } finally {
            for (AutoCloseable c : open) {
                c.close();
            }
            for (AutoCloseable c : open) {
                if (c instanceof SharedMemory) {
                    ((SharedMemory) c).unlink();
                }
            }
        }
    }
}
