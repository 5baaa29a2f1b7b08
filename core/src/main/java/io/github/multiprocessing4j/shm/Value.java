package io.github.multiprocessing4j.shm;

import io.github.multiprocessing4j.internal.shm.Attachment;
import io.github.multiprocessing4j.internal.shm.ValueLayout;
import io.github.multiprocessing4j.sync.Lock;
import io.github.multiprocessing4j.sync.Lockable;
import io.github.multiprocessing4j.sync.RLock;

/**
 * A shared value (Python: {@code multiprocessing.Value(typecode, initial, lock=True)} and
 * {@code sharedctypes.RawValue}): one number of a C type in shared memory, with a cross-process lock.
 *
 * <pre>{@code
 * IntValue counter = Value.of('i', 0);             // or Value.ofInt(0)
 * // in several processes:
 * try (Lock.Held held = counter.getLock().hold()) { counter.set(counter.get() + 1); }
 * // or, lock-free: counter.addAndGet(1);
 * }</pre>
 *
 * <h2>Typecodes and Java types</h2>
 * <table>
 * <caption>Which class holds each typecode (Linux x86-64 sizes, as CPython there)</caption>
 * <tr><th>typecode</th><th>C type</th><th>class</th><th>{@code get()}</th><th>{@link #getValue()}</th></tr>
 * <tr><td>{@code 'c'}</td><td>char</td><td>{@link IntValue}</td><td>int 0..255</td><td>{@code byte[1]}
 *     (Python: bytes of length 1)</td></tr>
 * <tr><td>{@code 'b' 'B' 'h' 'H' 'i'}</td><td>8-, 16-, 32-bit</td><td>{@link IntValue}</td><td>int</td>
 *     <td>Integer</td></tr>
 * <tr><td>{@code 'I'}</td><td>unsigned int</td><td>{@link LongValue}</td><td>long 0..2<sup>32</sup>-1</td>
 *     <td>Long</td></tr>
 * <tr><td>{@code 'l' 'q'}</td><td>64-bit</td><td>{@link LongValue}</td><td>long</td><td>Long</td></tr>
 * <tr><td>{@code 'L' 'Q'}</td><td>unsigned 64-bit</td><td>{@link LongValue}</td><td>long holding the 64 bits
 *     (as {@link Long#toUnsignedString})</td><td>BigInteger 0..2<sup>64</sup>-1</td></tr>
 * <tr><td>{@code 'f' 'd'}</td><td>float, double</td><td>{@link DoubleValue}</td><td>double ({@code 'f'}
 *     rounded to float)</td><td>Double</td></tr>
 * <tr><td>{@code '?'}</td><td>bool</td><td>{@link BooleanValue}</td><td>boolean</td><td>Boolean</td></tr>
 * </table>
 *
 * <h2>Out of range</h2>
 * Differs from Python, whose ctypes truncates silently on assignment ({@code Value('B', 256).value == 0}): a
 * value outside the typecode's range given to a factory, {@code set}, {@link #setValue} or {@code compareAndSet}
 * throws {@link IllegalArgumentException} naming the typecode, the value and the range. Arithmetic wraps as C (and
 * Python's {@code v.value += 1} on a full {@code 'B'}) does: {@code addAndGet} truncates to the type's width, so
 * 255 + 1 is 0 for {@code 'B'} and 2<sup>32</sup>-1 + 1 is 0 for {@code 'I'}. {@code 'f'} rounds to the
 * nearest float (a double beyond float's range becomes infinity, as in ctypes).
 *
 * <h2>The lock</h2>
 * As Python's {@code lock} argument: {@code true} (the default) gives the value its own {@link RLock}, living in
 * the value's file; a given {@link Lock} or {@link RLock} is the one {@link #getLock()} returns (several values
 * may share it); {@code false}, or {@link #raw}, gives a value without a lock, whose {@code getLock()} throws.
 * {@link #getObj()} is the same memory without the lock (Python: {@code get_obj()}). Differs from Python: a value
 * with a lock does not take it on every {@code get}/{@code set} (each is a single atomic access anyway), and the
 * lock-free value has the same class as the synchronized one.
 *
 * <h2>Threads, processes, blocking, lifetime</h2>
 * Thread-safe. What crosses the process boundary: only the name of the shared-memory file, the lock choice and a
 * given lock's handle; a value passed to a child (as an argument, captured by a target lambda, or in a queue
 * message) is the same memory there, with the same lock. Nothing blocks but the lock. Each value is one
 * shared-memory file (128 bytes plus 8 for the value); the file is removed when the last process holding it closes
 * it or exits, or when the creating process exits. A process that dies never corrupts the value; if it dies holding
 * the lock, the next acquirer recovers the lock (see {@link Lock}).
 */
public abstract sealed class Value extends SharedSlots permits IntValue, LongValue, DoubleValue, BooleanValue {
    private static final long serialVersionUID = 1L;

    Value(Typecode typecode, int lockMode, Lockable given) {
        super(typecode, 1, false, "value", lockMode, given);
    }

    Value(Attachment attachment, int type, int lockMode, Lockable given) {
        super(attachment, type, false, lockMode, given);
    }

    /**
     * Reads the value as Python's {@code v.value} gives it: an {@code Integer}, {@code Long}, {@code BigInteger}
     * ({@code 'L'}, {@code 'Q'}), {@code Double}, {@code Boolean}, or a {@code byte[]} of length 1 ({@code 'c'}).
     *
     * @return the value
     * @throws IllegalStateException after close
     */
    public abstract Object getValue();

    /**
     * Writes the value (Python: {@code v.value = x}): a {@code Number} holding an integer (a {@code BigInteger}
     * for the upper half of {@code 'L'}/{@code 'Q'}), a floating-point {@code Number} for {@code 'f'}/{@code 'd'}, a
     * {@code Boolean} for {@code '?'}, a {@code Character} or {@code byte[1]} for {@code 'c'}. A {@code Byte} is read
     * as an unsigned byte (as Python's bytes) except for {@code 'b'}.
     *
     * @param value the new value
     * @throws IllegalArgumentException when the value is of the wrong type or out of the typecode's range
     * @throws IllegalStateException after close
     */
    public abstract void setValue(Object value);

    /**
     * The raw value without its lock (Python: {@code get_obj()}): the same memory, {@link #hasLock()} false.
     *
     * @return the raw value
     * @throws IllegalStateException when this value has no lock (it is the raw object already)
     */
    public Value getObj() {
        return (Value) rawObj();
    }

    /**
     * A shared value of typecode {@code typecode} with its own lock (Python: {@code Value(typecode, initial)}). The
     * result's class follows the typecode (see the table above): assign it to {@code IntValue}, {@code LongValue},
     * {@code DoubleValue}, {@code BooleanValue} or {@code Value}; another class throws {@link ClassCastException}.
     *
     * @param <V> the value's class
     * @param typecode one of {@code c b B h H i I l L q Q f d ?}
     * @param initial the first value, as {@link #setValue} takes it
     * @return the value
     * @throws IllegalArgumentException for an unknown typecode, or an initial value of the wrong type or out of
     *     range
     */
    public static <V extends Value> V of(char typecode, Object initial) {
        return make(typecode, initial, OWN_LOCK, null);
    }

    /**
     * A shared value of zero (Python: {@code Value(typecode)}).
     *
     * @param <V> the value's class
     * @param typecode one of {@code c b B h H i I l L q Q f d ?}
     * @return the value
     * @throws IllegalArgumentException for an unknown typecode
     */
    public static <V extends Value> V of(char typecode) {
        return make(typecode, 0, OWN_LOCK, null);
    }

    /**
     * A shared value with or without a lock (Python: {@code Value(typecode, initial, lock=True|False)}).
     *
     * @param <V> the value's class
     * @param typecode one of {@code c b B h H i I l L q Q f d ?}
     * @param initial the first value
     * @param lock true for its own {@link RLock}, false for none
     * @return the value
     * @throws IllegalArgumentException for an unknown typecode, or an initial value of the wrong type or out of
     *     range
     */
    public static <V extends Value> V of(char typecode, Object initial, boolean lock) {
        return make(typecode, initial, lockMode(lock, null), null);
    }

    /**
     * A shared value guarded by a given lock (Python: {@code Value(typecode, initial, lock=some_lock)}), which
     * {@link #getLock()} returns in every process.
     *
     * @param <V> the value's class
     * @param typecode one of {@code c b B h H i I l L q Q f d ?}
     * @param initial the first value
     * @param lock a {@link Lock} or {@link RLock}; null means a new lock of its own, as Python's {@code lock=None}
     * @return the value
     * @throws IllegalArgumentException for an unknown typecode, or an initial value of the wrong type or out of
     *     range
     */
    public static <V extends Value> V of(char typecode, Object initial, Lockable lock) {
        return make(typecode, initial, lockMode(true, lock), lock);
    }

    /**
     * A shared value without a lock (Python: {@code sharedctypes.RawValue(typecode, initial)}).
     *
     * @param <V> the value's class
     * @param typecode one of {@code c b B h H i I l L q Q f d ?}
     * @param initial the first value
     * @return the value
     * @throws IllegalArgumentException for an unknown typecode, or an initial value of the wrong type or out of
     *     range
     */
    public static <V extends Value> V raw(char typecode, Object initial) {
        return make(typecode, initial, NO_LOCK, null);
    }

    @SuppressWarnings("unchecked") // the caller names the class; the table above says which one it is
    private static <V extends Value> V make(char code, Object initial, int lockMode, Lockable given) {
        Typecode t = Typecode.of(code);
        long bits = t.fromObject(initial); // checked before any file is made
        switch (t.slot) {
            case ValueLayout.INT:
                return (V) new IntValue(t, (int) bits, lockMode, given);
            case ValueLayout.LONG:
                return (V) new LongValue(t, bits, lockMode, given);
            case ValueLayout.DOUBLE:
                return (V) new DoubleValue(t, Double.longBitsToDouble(bits), lockMode, given);
            default:
                return (V) new BooleanValue(t, bits != 0, lockMode, given);
        }
    }

    /**
     * A shared int (Python typecode {@code 'i'}) with its own lock.
     *
     * @param initial the first value
     * @return the value
     */
    public static IntValue ofInt(int initial) {
        return new IntValue(Typecode.INT, initial, OWN_LOCK, null);
    }

    /**
     * A shared long (Python typecode {@code 'q'}) with its own lock.
     *
     * @param initial the first value
     * @return the value
     */
    public static LongValue ofLong(long initial) {
        return new LongValue(Typecode.LONGLONG, initial, OWN_LOCK, null);
    }

    /**
     * A shared double (Python typecode {@code 'd'}) with its own lock.
     *
     * @param initial the first value
     * @return the value
     */
    public static DoubleValue ofDouble(double initial) {
        return new DoubleValue(Typecode.DOUBLE, initial, OWN_LOCK, null);
    }

    /**
     * A shared boolean (Python typecode {@code '?'}) with its own lock.
     *
     * @param initial the first value
     * @return the value
     */
    public static BooleanValue ofBoolean(boolean initial) {
        return new BooleanValue(Typecode.BOOL, initial, OWN_LOCK, null);
    }
}
