package io.github.multiprocessing4j.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.github.multiprocessing4j.exception.SerializationFailedException;
import io.github.multiprocessing4j.function.SerializableCallable;
import io.github.multiprocessing4j.function.SerializableFunction;
import io.github.multiprocessing4j.internal.codec.AllowList;
import io.github.multiprocessing4j.internal.codec.Codec;
import io.github.multiprocessing4j.pool.AsyncResult;
import io.github.multiprocessing4j.pool.MapOptions;
import io.github.multiprocessing4j.pool.Pool;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;

/**
 * A chunk of work sent to one node: a function and its inputs, as bytes of the library's codec. Hazelcast carries
 * only these bytes (and the timeout); the node decodes them through its allow-list, runs each input as a task of
 * its local {@link Pool} and answers with a {@link NodeReply}. Interrupting the call (a cancel with interruption
 * from the program) cancels the local tasks, which kills the worker JVMs that run them.
 */
final class NodeTask implements Callable<byte[]>, IdentifiedDataSerializable, HazelcastInstanceAware {
    private byte[] function;
    private byte[] inputs;
    private long timeoutNanos;
    private transient HazelcastInstance hazelcast;

    NodeTask() {
    }

    NodeTask(byte[] function, byte[] inputs, long timeoutNanos) {
        this.function = function;
        this.inputs = inputs;
        this.timeoutNanos = timeoutNanos;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        this.hazelcast = instance;
    }

    @Override
    public byte[] call() throws InterruptedException {
        Node node = Node.of(hazelcast);
        AllowList allowList = node.allowList();
        SerializableFunction<Object, Object> f;
        List<?> items;
        try {
            f = cast(Codec.decode(function, allowList));
            items = (List<?>) Codec.decode(inputs, allowList);
        } catch (ClassNotFoundException e) {
            return NodeReply.failure(0, new MissingClassException(e.getMessage(), node.name()));
        } catch (IOException | RuntimeException e) {
            return NodeReply.failure(0, new SerializationFailedException(
                    "node " + node.name() + " refused the task: " + e.getMessage()
                            + " (allow its classes there with -D" + AllowList.PROPERTY + "=... or --allow)", e));
        }
        Pool pool = node.pool();
        if (items.size() > 1 && !items.contains(null)) {
            return mapChunk(pool, f, items);
        }
        List<AsyncResult<Object>> running = new ArrayList<>(items.size());
        try {
            for (Object item : items) {
                Call call = new Call(f, item);
                running.add(timeoutNanos > 0 ? pool.applyAsync(call, Duration.ofNanos(timeoutNanos))
                        : pool.applyAsync(call));
            }
            List<Object> results = new ArrayList<>(items.size());
            for (int i = 0; i < running.size(); i++) {
                try {
                    results.add(running.get(i).get());
                } catch (RuntimeException e) {
                    cancel(running, true);
                    return NodeReply.failure(i, e);
                }
            }
            return NodeReply.success(results);
        } catch (InterruptedException e) {
            cancel(running, true);
            throw e;
        } catch (CancellationException e) {
            cancel(running, true);
            throw e;
        }
    }

    /**
     * A chunk of several inputs runs as one map of the local pool: the function crosses to each worker once per
     * chunk of that map, not once per input (a task per input made a cluster map 100 times slower than a local
     * one). The first failing input fails the chunk, as it fails a local map.
     */
    private byte[] mapChunk(Pool pool, SerializableFunction<Object, Object> f, List<?> items)
            throws InterruptedException {
        MapOptions options = timeoutNanos > 0 ? MapOptions.defaults().timeout(Duration.ofNanos(timeoutNanos))
                : MapOptions.defaults();
        AsyncResult<List<Object>> all = pool.mapAsync(f, items, options);
        try {
            return NodeReply.success(all.get());
        } catch (InterruptedException | CancellationException e) {
            all.cancel(true);
            throw e;
        } catch (RuntimeException e) {
            all.cancel(true);
            return NodeReply.failure(0, e);
        }
    }

    private static void cancel(List<AsyncResult<Object>> running, boolean kill) {
        for (AsyncResult<Object> result : running) {
            result.cancel(kill);
        }
    }

    @SuppressWarnings("unchecked")
    private static SerializableFunction<Object, Object> cast(Object decoded) {
        return (SerializableFunction<Object, Object>) decoded;
    }

    @Override
    public int getFactoryId() {
        return ClusterSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ClusterSerialization.NODE_TASK;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeByteArray(function);
        out.writeByteArray(inputs);
        out.writeLong(timeoutNanos);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        function = in.readByteArray();
        inputs = in.readByteArray();
        timeoutNanos = in.readLong();
    }

    /** One input as a task of the node's local pool: it crosses to a worker JVM with the library's codec. */
    static final class Call implements SerializableCallable<Object> {
        private static final long serialVersionUID = 1L;
        private final SerializableFunction<Object, Object> function;
        // any type: the codec refuses a value that is not serializable when the task is encoded
        @SuppressWarnings("serial")
        private final Object input;

        Call(SerializableFunction<Object, Object> function, Object input) {
            this.function = function;
            this.input = input;
        }

        @Override
        public Object call() throws Exception {
            return function.apply(input);
        }
    }
}
