package io.github.multiprocessing4j.internal.pool;

import io.github.multiprocessing4j.internal.codec.AllowList;
import io.github.multiprocessing4j.internal.codec.Codec;
import io.github.multiprocessing4j.internal.codec.ThrowableData;
import io.github.multiprocessing4j.pool.SerializableBiFunction;
import io.github.multiprocessing4j.pool.SerializableCallable;
import io.github.multiprocessing4j.pool.SerializableFunction;
import java.io.IOException;

/**
 * Runs one task frame in a worker and builds its result frame. Every failure of an element, including a result
 * that cannot be serialized, becomes that element's exception: nothing a task does ends the worker, except
 * ending the JVM.
 */
final class TaskRunner {
    private final FunctionSlots<Object> functions = new FunctionSlots<>();

    byte[] run(byte[] payload) {
        PoolFrames.Task task;
        try {
            task = PoolFrames.readTask(payload);
        } catch (IOException e) {
            throw new IllegalStateException("damaged task frame from the parent: size=" + payload.length, e);
        }
        AllowList.global().learn(task.packages());
        Object function = function(task);
        int n = task.items().size();
        byte[] statuses = new byte[n];
        byte[][] outcomes = new byte[n][];
        for (int i = 0; i < n; i++) {
            try {
                Object value = call(function, task.items().get(i));
                outcomes[i] = Codec.encode(value, "the result of the task").bytes();
                statuses[i] = PoolFrames.VALUE;
            } catch (Throwable t) {
                outcomes[i] = ThrowableData.encode(t);
                statuses[i] = PoolFrames.ERROR;
            }
        }
        return PoolFrames.result(task.id(), statuses, outcomes);
    }

    /** The task's function, or the Throwable that decoding it gave (so every element reports it). */
    private Object function(PoolFrames.Task task) {
        if (task.function().length == 0) {
            Object known = functions.get(task.functionId());
            return known != null ? known : new IllegalStateException("the worker does not know the function: id="
                    + task.functionId());
        }
        Object decoded;
        try {
            decoded = Codec.decode(task.function(), AllowList.global());
        } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
            decoded = e;
        }
        functions.put(task.functionId(), decoded);
        return decoded;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object call(Object function, byte[][] args) throws Exception {
        if (function instanceof Throwable) {
            throw new IllegalStateException("cannot load the task function in the worker: " + function,
                    (Throwable) function);
        }
        Object[] values = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            values[i] = Codec.decode(args[i], AllowList.global());
        }
        switch (args.length) {
            case 0:
                return ((SerializableCallable) function).call();
            case 1:
                return ((SerializableFunction) function).apply(values[0]);
            default:
                return ((SerializableBiFunction) function).apply(values[0], values[1]);
        }
    }
}
