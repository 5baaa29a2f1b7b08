package io.github.multiprocessing4j.shm;

/**
 * Makes shared values (Python: {@code multiprocessing.Value(typecode, initial)}): one int, long, double or
 * boolean in shared memory, with its own cross-process lock ({@code getLock()}) and lock-free atomic updates.
 *
 * <pre>{@code
 * IntValue counter = Value.ofInt(0);
 * // in several processes:
 * try (Lock.Held held = counter.getLock().hold()) { counter.set(counter.get() + 1); }
 * // or, lock-free: counter.addAndGet(1);
 * }</pre>
 *
 * Python's {@code lock=False} and {@code RawValue} are the same objects used without their lock. Each value is
 * one shared-memory file (128 bytes plus the value); see {@link IntValue} for what crosses the process boundary,
 * blocking and lifetime.
 */
public final class Value {
    private Value() {
    }

    /**
     * A shared int (Python typecode {@code 'i'}).
     *
     * @param initial the first value
     * @return the value
     */
    public static IntValue ofInt(int initial) {
        return new IntValue(initial);
    }

    /**
     * A shared long (Python typecode {@code 'q'}).
     *
     * @param initial the first value
     * @return the value
     */
    public static LongValue ofLong(long initial) {
        return new LongValue(initial);
    }

    /**
     * A shared double (Python typecode {@code 'd'}).
     *
     * @param initial the first value
     * @return the value
     */
    public static DoubleValue ofDouble(double initial) {
        return new DoubleValue(initial);
    }

    /**
     * A shared boolean (Python typecode {@code '?'}).
     *
     * @param initial the first value
     * @return the value
     */
    public static BooleanValue ofBoolean(boolean initial) {
        return new BooleanValue(initial);
    }
}
