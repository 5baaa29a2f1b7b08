package io.github.multiprocessing4j.internal.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * A thread blocked on shared memory (a queue or pipe with no data or no room, a lock, a semaphore, an event...):
 * recorded only when the state was not there at once. Made by {@link Events}.
 */
@Name("multiprocessing4j.BlockingWait")
@Label("Blocking Wait")
@Category({"multiprocessing4j", "Shared Memory"})
@Description("A thread waited on shared memory (queue, pipe, lock, semaphore, event, condition, barrier)")
public final class WaitEvent extends jdk.jfr.Event {
    @Label("Outcome")
    @Description("DONE, TIMED_OUT or STOPPED (the peers are gone, or a dead lock holder was replaced)")
    String outcome;

    WaitEvent() {
    }
}
