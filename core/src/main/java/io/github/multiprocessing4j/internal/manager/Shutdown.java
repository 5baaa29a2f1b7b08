package io.github.multiprocessing4j.internal.manager;

import java.io.Serializable;

/** A request that the manager stop serving and its process end. */
public record Shutdown() implements Serializable {
}
