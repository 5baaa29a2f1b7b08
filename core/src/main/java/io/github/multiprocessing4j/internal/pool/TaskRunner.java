package io.github.multiprocessing4j.internal.pool;

import io.github.multiprocessing4j.internal.runtime.JvmRuntime;
import io.github.multiprocessing4j.internal.codec.Codec;
import io.github.multiprocessing4j.function.SerializableBiFunction;
import io.github.multiprocessing4j.function.SerializableCallable;
import io.github.multiprocessing4j.function.SerializableFunction;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Runs one task frame in a worker and builds its result frame. Every failure of an element, including an argument
 * that cannot be read or a result that cannot be serialized, becomes that element's exception: nothing a task does
 * ends the worker, except ending the JVM.
 *
 * <p>It keeps no reference to a task's function, arguments or result once the task has run, so what a lambda
 * captured can be collected: only while the parent says more units of the same function follow (the chunks of one
 * map), or when the function captured nothing (a lambda or method reference without captured values, which holds
 * nothing of the caller's), does it hold the decoded function for the next frame; a frame without {@code keep}, a
 * frame with another function, or a release frame drops it.
 */
final class TaskRunner {
    private int heldId;
    private Object held;

    /** Runs a task frame; returns its result frame, or null for a release frame (which is not answered). */
    @SuppressWarnings("unchecked")
    byte[] run(byte[] payload) {
        PoolFrames.Task task;
        try {
            task = PoolFrames.readTask(payload);
        } catch (IOException e) {
            throw new IllegalStateException("damaged task frame from the parent: size=" + payload.length, e);
        }
        if (task.isRelease()) {
            drop();
            return null;
        }
        JvmRuntime.get().allowList().learn(task.packages());
        Object function = function(task);
        if (!task.keep()) {
            drop();
        }
        Object[] rows = ItemBlock.readArguments(task.block(), task.arity());
        Object[] values = new Object[rows.length];
        Throwable[] errors = new Throwable[rows.length];
        int arity = task.arity();
        // the common case without a call in between per element: this loop runs before the JIT has compiled it
        SerializableFunction<Object, ?> direct = arity == 1 && function instanceof SerializableFunction
                ? (SerializableFunction<Object, ?>) function : null;
        for (int i = 0; i < rows.length; i++) {
            Object row = rows[i];
            try {
                if (row instanceof ItemBlock.Unreadable) {
                    throw ((ItemBlock.Unreadable) row).cause();
                }
                values[i] = direct != null ? direct.apply(row) : call(function, arity, row);
            } catch (OutOfMemoryError e) {
                // as -XX:+ExitOnOutOfMemoryError, which a worker started in a spare JVM does not have
                Runtime.getRuntime().halt(3);
            } catch (Throwable t) {
                errors[i] = t;
            }
        }
        return PoolFrames.result(task.id(), values, errors);
    }

    private void drop() {
        heldId = 0;
        held = null;
    }

    /** The task's function, or the Throwable that decoding it gave (so every element reports it). */
    private Object function(PoolFrames.Task task) {
        ByteBuffer bytes = task.function();
        if (!bytes.hasRemaining()) {
            return heldId == task.functionId() && held != null ? held
                    : new IllegalStateException("the worker does not hold the function: id=" + task.functionId()
                    + ", held=" + heldId);
        }
        Object decoded;
        try {
            decoded = Codec.decode(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining(),
                    JvmRuntime.get().allowList());
        } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
            decoded = e;
        }
        heldId = task.functionId();
        held = decoded;
        return decoded;
    }

    /** Calls {@code function} with {@code row}: no argument, the one argument itself, or the array of two. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object call(Object function, int arity, Object row) throws Exception {
        if (function instanceof Throwable) {
            throw new IllegalStateException("cannot load the task function in the worker: " + function,
                    (Throwable) function);
        }
        switch (arity) {
            case 0:
                return ((SerializableCallable) function).call();
            case 1:
                return ((SerializableFunction) function).apply(row);
            default:
                Object[] args = (Object[]) row;
                return ((SerializableBiFunction) function).apply(args[0], args[1]);
        }
    }
}
