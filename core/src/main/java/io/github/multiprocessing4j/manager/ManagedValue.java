package io.github.multiprocessing4j.manager;

/**
 * A managed single value (Python: {@code manager.Value(typecode, value)}). Each call is one round trip to the
 * manager; {@link #getAndAdd} is atomic there, which Python's {@code value.value += 1} is not.
 *
 * @param <T> the value's type; serializable
 */
public interface ManagedValue<T> {
    /**
     * The value (Python: {@code value.value}).
     *
     * @return the value
     */
    T get();

    /**
     * Sets the value.
     *
     * @param value the new value
     */
    void set(T value);

    /**
     * Adds to a numeric value atomically in the manager.
     *
     * @param delta what to add
     * @return the value before
     * @throws ClassCastException when the value is not a number
     */
    T getAndAdd(long delta);
}
