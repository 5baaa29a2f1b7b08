package io.github.multiprocessing4j.internal.manager;

import java.io.Serializable;

/**
 * A proxy's request: call a method of a managed object.
 *
 * @param id the object's id in the manager
 * @param owner the interface that declares the method
 * @param method the method's name
 * @param parameters its parameter types' names
 * @param args the arguments
 */
public record Call(long id, String owner, String method, String[] parameters, Object[] args) implements Serializable {
}
