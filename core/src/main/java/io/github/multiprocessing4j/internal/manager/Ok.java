package io.github.multiprocessing4j.internal.manager;

import java.io.Serializable;

/**
 * A reply carrying a method's return value.
 *
 * @param value the value (null for void)
 */
public record Ok(Object value) implements Serializable {
}
