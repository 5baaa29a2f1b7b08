package io.github.multiprocessing4j.internal.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A {@code Process.start()} call: its duration is the latency the caller sees. Made by {@link Events}. */
@Name("multiprocessing4j.ProcessStart")
@Label("Process Start")
@Category({"multiprocessing4j", "Process"})
@Description("Process.start(): from the call until the child JVM (fresh or spare) has been handed its task")
@StackTrace(false)
public final class ProcessStartEvent extends jdk.jfr.Event {
    @Label("Name")
    String processName;
    @Label("Start Method")
    @Description("warm or spawn, as asked")
    String startMethod;
    @Label("Spare Used")
    @Description("whether a spare JVM started ahead of need ran the process")
    boolean spare;
    @Label("Child PID")
    long pid;

    ProcessStartEvent() {
    }
}
