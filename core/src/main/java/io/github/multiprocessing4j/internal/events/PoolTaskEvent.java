package io.github.multiprocessing4j.internal.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * A unit of pool work (one task, or one chunk of a map) whose result came back, recorded in the pool's JVM when
 * the result arrives. Made by {@link Events}.
 */
@Name("multiprocessing4j.PoolTask")
@Label("Pool Task")
@Category({"multiprocessing4j", "Pool"})
@Description("A task or a chunk of a map ran in a pool worker; its time from the worker's start on it to its result")
@StackTrace(false)
final class PoolTaskEvent extends jdk.jfr.Event {
    @Label("Worker")
    String worker;
    @Label("Worker PID")
    long workerPid;
    @Label("Items")
    @Description("how many items the unit held (the chunk size)")
    int items;
    @Label("Run Time")
    @Timespan(Timespan.NANOSECONDS)
    long runTime;
}
