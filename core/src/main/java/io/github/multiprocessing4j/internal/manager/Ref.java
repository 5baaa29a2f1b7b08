package io.github.multiprocessing4j.internal.manager;

import java.io.Serializable;

/**
 * A reply naming a managed object, which the caller turns into a proxy.
 *
 * @param typeid its registered type
 * @param id its id in the manager
 * @param face the name of the interface its proxy implements
 */
public record Ref(String typeid, long id, String face) implements Serializable {
}
