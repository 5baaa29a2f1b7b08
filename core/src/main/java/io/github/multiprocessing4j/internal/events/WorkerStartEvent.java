package io.github.multiprocessing4j.internal.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A pool worker was launched: one of the pool's first, or a replacement. Made by {@link Events}. */
@Name("multiprocessing4j.WorkerStart")
@Label("Pool Worker Start")
@Category({"multiprocessing4j", "Pool"})
@Description("A pool worker was launched; its duration is the launch itself")
@StackTrace(false)
public final class WorkerStartEvent extends jdk.jfr.Event {
    @Label("Worker")
    String worker;
    @Label("Worker PID")
    long workerPid;
    @Label("Replacement")
    @Description("whether it replaces a worker that ended (false for the pool's first workers)")
    boolean replacement;

    WorkerStartEvent() {
    }
}
