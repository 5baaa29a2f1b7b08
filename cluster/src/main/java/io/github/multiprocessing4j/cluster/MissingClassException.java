package io.github.multiprocessing4j.cluster;

import io.github.multiprocessing4j.exception.ProcessException;

/**
 * A node could not run a task because a class of it (the task's function, an input, or a class they use) is not
 * on that node's class path. Nodes need the application's classes, as Spark's executors need the application jar:
 * start every node with the same {@code -cp}. Not retried on another node: the task fails at once.
 */
public class MissingClassException extends ProcessException {
    private static final long serialVersionUID = 1L;

    private final String className;
    private final String node;

    /**
     * Creates the exception.
     *
     * @param className the missing class
     * @param node the node that misses it (address and pid)
     */
    public MissingClassException(String className, String node) {
        super("class " + className + " is missing on node " + node
                + ": start every node with the application's classes on its class path");
        this.className = className;
        this.node = node;
    }

    /**
     * The class that is missing.
     *
     * @return its name
     */
    public String className() {
        return className;
    }

    /**
     * The node that misses it.
     *
     * @return its address and pid
     */
    public String node() {
        return node;
    }
}
