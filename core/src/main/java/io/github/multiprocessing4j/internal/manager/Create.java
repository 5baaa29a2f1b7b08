package io.github.multiprocessing4j.internal.manager;

import java.io.Serializable;

/**
 * A request to make a new managed object of a registered type.
 *
 * @param typeid the registered type
 * @param args the factory's arguments
 */
public record Create(String typeid, Object[] args) implements Serializable {
}
