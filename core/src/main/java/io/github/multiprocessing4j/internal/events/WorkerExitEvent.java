package io.github.multiprocessing4j.internal.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A pool worker's JVM ended: retired as planned, or died. Made by {@link Events}. */
@Name("multiprocessing4j.WorkerExit")
@Label("Pool Worker Exit")
@Category({"multiprocessing4j", "Pool"})
@Description("A pool worker ended; died is true when the pool did not retire it (it is replaced)")
@StackTrace(false)
final class WorkerExitEvent extends jdk.jfr.Event {
    @Label("Worker")
    String worker;
    @Label("Worker PID")
    long workerPid;
    @Label("Exit Code")
    int exitCode;
    @Label("Died")
    boolean died;
    @Label("Tasks Lost")
    @Description("units it was running or had been sent, given to another worker or failed")
    int inflight;
}
