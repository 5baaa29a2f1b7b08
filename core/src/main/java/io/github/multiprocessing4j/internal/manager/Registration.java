package io.github.multiprocessing4j.internal.manager;

import io.github.multiprocessing4j.function.SerializableFunction;
import java.io.Serializable;

/**
 * A type a manager can hold: its name, how the manager makes one, and the interface its proxies implement.
 *
 * @param typeid the name (Python: {@code typeid})
 * @param factory makes an object from the arguments of the call, in the manager process
 * @param face the interface the object implements and the proxy exposes
 */
public record Registration(String typeid, SerializableFunction<Object[], Object> factory, Class<?> face)
        implements Serializable {
}
