package io.github.multiprocessing4j.internal.pool;

import java.util.Set;

/**
 * A task function encoded once: workers keep it by id, so it crosses the pipe only the first time a worker needs
 * it.
 *
 * @param id the pool-wide number of this function object
 * @param bytes the function encoded by the codec
 * @param packages the packages of the classes in it, for the worker's allow-list
 * @param arity how many arguments it takes: 0 (callable), 1 (function) or 2 (bi-function)
 * @param description how to name it in messages
 */
public record FunctionRef(int id, byte[] bytes, Set<String> packages, int arity, String description) {
}
