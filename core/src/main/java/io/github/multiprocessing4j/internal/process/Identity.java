package io.github.multiprocessing4j.internal.process;

import io.github.multiprocessing4j.internal.watch.Liveness;
import io.github.multiprocessing4j.internal.wire.Boot;

/**
 * Who this JVM is in the process tree, as its boot frame said (a child), or the main process. Sent once, in the
 * boot frame; nothing else carries it.
 *
 * @param name the process name ({@code MainProcess}, {@code Process-1}, {@code Process-1:2})
 * @param daemon whether this is a daemon child, which may not start children
 * @param numbers the numbers in the name, for naming this process's own children
 * @param parentPid the parent's pid (in a main process: the operating system's parent, or -1)
 * @param parentStart the parent's start time ({@link Liveness}); 0 when unknown
 * @param parentName the parent's process name, or null in a main process
 */
public record Identity(String name, boolean daemon, int[] numbers, long parentPid, long parentStart,
        String parentName) {
    /** The identity of a JVM that multiprocessing4j did not start. */
    public static Identity main() {
        long parent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
        return new Identity("MainProcess", false, new int[0], parent, 0, null);
    }

    /** The identity a boot frame gives a child. */
    public static Identity of(Boot boot) {
        return new Identity(boot.name(), boot.daemon(), boot.identity(), boot.parentPid(), boot.parentStart(),
                boot.parentName());
    }

    /** Whether multiprocessing4j started this JVM. */
    public boolean isChild() {
        return parentName != null;
    }

    /** The numbers of this process's n-th child: this process's numbers, then n. */
    public int[] childNumbers(int n) {
        int[] theirs = java.util.Arrays.copyOf(numbers, numbers.length + 1);
        theirs[numbers.length] = n;
        return theirs;
    }
}
