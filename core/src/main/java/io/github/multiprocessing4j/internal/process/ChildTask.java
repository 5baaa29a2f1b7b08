package io.github.multiprocessing4j.internal.process;

import java.io.Serializable;

/**
 * What a child JVM runs: a {@code Process}'s target or {@code run()} (wrapped by the public layer), a direct
 * task, or a pool worker's loop. It crosses to the child encoded by the codec (or as a {@link DirectTask}) in the
 * TASK frame; who the child is comes from the boot frame, not from the task.
 */
public interface ChildTask extends Serializable {
    /**
     * Runs in the child.
     *
     * @param parent the child's channel to its parent
     * @throws Exception anything; the child then ends with exit code 1 and the parent gets the exception
     */
    void run(ParentChannel parent) throws Exception;

    /**
     * Whether the task reads the frames its parent sends after the TASK frame itself (a pool worker). Otherwise
     * a watcher thread reads them, and their end, which is the parent's death.
     */
    default boolean readsParentInput() {
        return false;
    }
}
