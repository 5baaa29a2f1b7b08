package io.github.multiprocessing4j.internal.manager;

import java.io.Serializable;

/**
 * A reply carrying what the manager threw, as {@code internal.codec.ThrowableData} encodes it (the exception with
 * the manager's frames, rebuilt faithfully when its class is missing in the caller).
 *
 * @param error the encoded exception
 */
public record Failed(byte[] error) implements Serializable {
}
