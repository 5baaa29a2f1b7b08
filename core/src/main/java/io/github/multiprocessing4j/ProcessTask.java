package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.process.ChildTask;
import io.github.multiprocessing4j.internal.process.ParentChannel;
import io.github.multiprocessing4j.internal.runtime.JvmRuntime;

/**
 * What a child runs for a {@link Process} in the java.io form: the Process object itself (its target, arguments
 * and, for a subclass, its fields), whose {@link Process#run()} it calls. Decoded in the child after its boot
 * frame, whose identity the Process then takes.
 */
final class ProcessTask implements ChildTask {
    private static final long serialVersionUID = 1L;

    private final Process process;

    ProcessTask(Process process) {
        this.process = process;
    }

    Process process() {
        return process;
    }

    @Override
    public void run(ParentChannel parent) throws Exception {
        process.run();
    }

    private void readObject(java.io.ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
        in.defaultReadObject();
        process.adopt(JvmRuntime.get().identity());
    }
}
