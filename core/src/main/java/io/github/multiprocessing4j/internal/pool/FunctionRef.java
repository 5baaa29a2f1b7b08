package io.github.multiprocessing4j.internal.pool;

import java.util.List;
import java.util.Set;

/**
 * A task function encoded once in this JVM. It crosses to a worker with each unit, except while the worker holds it
 * from the unit before (the chunks of one call run in a row; see {@link PoolFrames}).
 *
 * @param id the pool-wide number of this function object
 * @param parts the function encoded by the codec, in parts (a large captured value is not joined into one array)
 * @param length their total length
 * @param packages the packages of the classes in it, for the worker's allow-list
 * @param arity how many arguments it takes: 0 (callable), 1 (function) or 2 (bi-function)
 * @param description how to name it in messages
 * @param stateless whether it captures nothing (a lambda or method reference with no captured values): a worker
 *     may keep such a function between tasks, since it holds nothing of the caller's
 */
public record FunctionRef(int id, List<byte[]> parts, long length, Set<String> packages, int arity, String description,
        boolean stateless) {
}
