package io.github.multiprocessing4j.internal.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** A lock in shared memory taken over from a holder process that died. Made by {@link Events}. */
@Name("multiprocessing4j.LockRecovery")
@Label("Lock Recovery")
@Category({"multiprocessing4j", "Shared Memory"})
@Description("A waiting thread took a lock over from a holder process that died while holding it")
final class LockRecoveryEvent extends jdk.jfr.Event {
    @Label("Dead Holder PID")
    long deadPid;
}
