package io.github.multiprocessing4j.manager;

import io.github.multiprocessing4j.function.SerializableFunction;
import io.github.multiprocessing4j.pool.Pool;
import java.util.ArrayList;
import java.util.List;

/** The manager's side of a {@link ManagedPool}: a {@link Pool} whose workers are the manager's children. */
final class PoolImpl implements ManagedPool, PlainResults {
    private final Pool pool;

    PoolImpl(int processes) {
        pool = new Pool(processes);
    }

    @Override
    public <T, R> R apply(SerializableFunction<T, R> function, T argument) throws InterruptedException {
        return pool.apply(function, argument);
    }

    @Override
    public <T, R> List<R> map(SerializableFunction<T, R> function, List<T> inputs) throws InterruptedException {
        return new ArrayList<>(pool.map(function, inputs));
    }

    @Override
    public List<Long> workerPids() {
        return new ArrayList<>(pool.workerPids());
    }

    @Override
    public String toString() {
        return "ManagedPool[" + pool + "]";
    }
}
