package io.github.multiprocessing4j.internal.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A child JVM (a process, a pool worker or a spare) ended and its exit code is known. Made by {@link Events}. */
@Name("multiprocessing4j.ProcessExit")
@Label("Process Exit")
@Category({"multiprocessing4j", "Process"})
@Description("A child JVM ended; its exit code as Python reports it (-N: killed by signal N)")
@StackTrace(false)
final class ProcessExitEvent extends jdk.jfr.Event {
    @Label("Child PID")
    long pid;
    @Label("Exit Code")
    int exitCode;
}
