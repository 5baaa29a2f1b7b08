package io.github.multiprocessing4j.internal.process;

import io.github.multiprocessing4j.internal.spawn.StreamSpec;
import io.github.multiprocessing4j.internal.wire.Frame;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Everything needed to start one child JVM.
 *
 * @param owner the public object that stands for the child (a {@code Process}), or null (a pool worker: one is
 *     made on demand)
 * @param name the process name
 * @param daemon its daemon flag
 * @param numbers the numbers in its name, for naming its own children
 * @param task the encoded {@link ChildTask}, in parts (see {@code Codec.encodeParts}); the launcher does not keep it
 *     once written
 * @param javaBinary the java launcher
 * @param jvmOptions per-process JVM options
 * @param environment environment changes (a null value removes a variable)
 * @param directory the working directory, or null for this JVM's
 * @param classLoaders loaders whose class path the child needs
 * @param stdout where the child's stdout goes
 * @param stderr where the child's stderr goes
 * @param listener receives the frames the child sends other than its exception and exit report, on the
 *     session's reader thread (must not block); null when not needed
 */
public record LaunchRequest(Object owner, String name, boolean daemon, int[] numbers, List<byte[]> task,
        Path javaBinary, List<String> jvmOptions, Map<String, String> environment, Path directory,
        List<ClassLoader> classLoaders, StreamSpec stdout, StreamSpec stderr, Consumer<Frame> listener) {
    /** A request whose task is one array (a pool worker's loop: small). */
    public LaunchRequest(Object owner, String name, boolean daemon, int[] numbers, byte[] task, Path javaBinary,
            List<String> jvmOptions, Map<String, String> environment, Path directory, List<ClassLoader> classLoaders,
            StreamSpec stdout, StreamSpec stderr, Consumer<Frame> listener) {
        this(owner, name, daemon, numbers, List.of(task), javaBinary, jvmOptions, environment, directory,
                classLoaders, stdout, stderr, listener);
    }

    /** The task's length in bytes. */
    public long taskLength() {
        long length = 0;
        for (byte[] part : task) {
            length += part.length;
        }
        return length;
    }

    /** This request without its task: what a child's handle keeps, so that a large task is not held for its life. */
    LaunchRequest withoutTask() {
        return new LaunchRequest(owner, name, daemon, numbers, List.of(), javaBinary, jvmOptions, environment,
                directory, classLoaders, stdout, stderr, listener);
    }
}
