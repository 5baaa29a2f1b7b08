/**
 * The exceptions of failures that involve another process, all unchecked under
 * {@link io.github.multiprocessing4j.exception.ProcessException} (Python: {@code multiprocessing.ProcessError},
 * {@code RemoteTraceback}, {@code BrokenProcessPool}, {@code TimeoutError}, {@code EOFError} of a dead peer).
 *
 * <p>What crosses the process boundary: an exception thrown in a child travels to the parent serialized, and
 * arrives as the cause of a {@link io.github.multiprocessing4j.exception.ChildProcessException} with the child's
 * own stack frames, or as a {@link io.github.multiprocessing4j.exception.RemoteThrowable} that keeps its class
 * name, message and frames when its class cannot be loaded or is not allowed here. The other exceptions are
 * raised in the process that notices the failure (a dead worker, a timeout, a peer gone, a start that failed) and
 * do not travel. This package depends on no other package of the library.
 */
package io.github.multiprocessing4j.exception;
