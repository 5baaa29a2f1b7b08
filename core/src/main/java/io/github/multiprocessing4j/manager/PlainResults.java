package io.github.multiprocessing4j.manager;

/**
 * A managed object whose methods' results always cross as values, even when their type is a registered interface
 * (a pool's {@code map} returns a plain {@code List}, not a managed list).
 */
interface PlainResults {
}
