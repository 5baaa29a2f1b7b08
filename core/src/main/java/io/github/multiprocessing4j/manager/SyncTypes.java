package io.github.multiprocessing4j.manager;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

/** The objects a {@link SyncManager} holds, made in the manager process. */
final class SyncTypes {
    private SyncTypes() {
    }

    static Map<Object, Object> dict(Object[] args) {
        Map<Object, Object> map = Collections.synchronizedMap(new HashMap<>());
        if (args.length > 0 && args[0] instanceof Map) {
            map.putAll((Map<?, ?>) args[0]);
        }
        return map;
    }

    static java.util.List<Object> list(Object[] args) {
        java.util.List<Object> list = Collections.synchronizedList(new ArrayList<>());
        if (args.length > 0 && args[0] instanceof java.util.Collection) {
            list.addAll((java.util.Collection<?>) args[0]);
        }
        return list;
    }

    /** Python's {@code threading.Lock}: not reentrant, released by anyone. */
    static final class PlainLock implements Lock {
        private final Semaphore permit = new Semaphore(1);

        @Override
        public void lock() {
            permit.acquireUninterruptibly();
        }

        @Override
        public void lockInterruptibly() throws InterruptedException {
            permit.acquire();
        }

        @Override
        public boolean tryLock() {
            return permit.tryAcquire();
        }

        @Override
        public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
            return permit.tryAcquire(time, unit);
        }

        @Override
        public void unlock() {
            if (permit.availablePermits() > 0) {
                throw new IllegalStateException("release of an unlocked managed lock (Python: RuntimeError)");
            }
            permit.release();
        }

        @Override
        public Condition newCondition() {
            throw new UnsupportedOperationException("a managed lock's condition cannot cross processes; use"
                    + " SyncManager.condition()");
        }
    }

    /** Python's {@code threading.RLock}: owned by the manager thread serving the caller; freed when it goes. */
    static final class OwnedLock extends java.util.concurrent.locks.ReentrantLock implements SessionBound {
        private static final long serialVersionUID = 1L;

        @Override
        public void sessionEnded() {
            while (isHeldByCurrentThread()) {
                unlock();
            }
        }
    }

    static final class NamespaceImpl implements Namespace {
        private final Map<String, Object> values = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public Object get(String name) {
            return values.get(name);
        }

        @Override
        public void set(String name, Object value) {
            if (value == null) {
                values.remove(name);
            } else {
                values.put(name, value);
            }
        }

        @Override
        public String toString() {
            return "Namespace" + values;
        }
    }

    static final class ValueImpl implements ManagedValue<Object> {
        private Object value;

        ValueImpl(Object value) {
            this.value = value;
        }

        @Override
        public synchronized Object get() {
            return value;
        }

        @Override
        public synchronized void set(Object v) {
            value = v;
        }

        @Override
        public synchronized Object getAndAdd(long delta) {
            Object before = value;
            if (value instanceof Integer) {
                value = Math.toIntExact((Integer) value + delta);
            } else if (value instanceof Long) {
                value = (Long) value + delta;
            } else if (value instanceof Double) {
                value = (Double) value + delta;
            } else {
                throw new ClassCastException("getAndAdd needs an Integer, Long or Double value: value=" + value);
            }
            return before;
        }

        @Override
        public synchronized String toString() {
            return "Value(" + value + ")";
        }
    }

    static final class EventImpl implements ManagedEvent {
        private boolean flag;

        @Override
        public synchronized void set() {
            flag = true;
            notifyAll();
        }

        @Override
        public synchronized void clear() {
            flag = false;
        }

        @Override
        public synchronized boolean isSet() {
            return flag;
        }

        @Override
        public synchronized boolean await(Duration timeout) throws InterruptedException {
            long deadline = io.github.multiprocessing4j.internal.time.Durations.deadline(timeout);
            while (!flag) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }
    }

    static final class SemaphoreImpl implements ManagedSemaphore {
        private final Semaphore permits;
        private final int bound;

        SemaphoreImpl(int value, boolean bounded) {
            if (value < 0) {
                throw new IllegalArgumentException("a semaphore's value must be >= 0: value=" + value);
            }
            permits = new Semaphore(value);
            bound = bounded ? value : Integer.MAX_VALUE;
        }

        @Override
        public boolean acquire(Duration timeout) throws InterruptedException {
            return permits.tryAcquire(io.github.multiprocessing4j.internal.time.Durations.toNanosSaturated(timeout),
                    TimeUnit.NANOSECONDS);
        }

        @Override
        public synchronized void release() {
            if (permits.availablePermits() >= bound) {
                throw new IllegalStateException("a bounded semaphore released too many times: value=" + bound);
            }
            permits.release();
        }

        @Override
        public int getValue() {
            return permits.availablePermits();
        }
    }

    static final class BarrierImpl implements ManagedBarrier {
        private final CyclicBarrier barrier;

        BarrierImpl(int parties) {
            barrier = new CyclicBarrier(parties);
        }

        @Override
        public int await(Duration timeout) throws InterruptedException, BrokenBarrierException,
                java.util.concurrent.TimeoutException {
            return barrier.getParties() - 1 - barrier.await(
                    io.github.multiprocessing4j.internal.time.Durations.toNanosSaturated(timeout),
                    TimeUnit.NANOSECONDS);
        }

        @Override
        public int parties() {
            return barrier.getParties();
        }
    }
}
