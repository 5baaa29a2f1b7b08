package io.github.multiprocessing4j.internal.process;

import io.github.multiprocessing4j.Process;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to start one child JVM for a {@link Process}.
 *
 * @param owner the Process object in the parent
 * @param name its name
 * @param daemon its daemon flag
 * @param identity its identity, for naming its own children
 * @param task the encoded Process object
 * @param javaBinary the java launcher
 * @param jvmOptions per-process JVM options
 * @param environment environment changes (a null value removes a variable)
 * @param directory the working directory, or null for this JVM's
 * @param classLoaders loaders whose class path the child needs
 * @param stdout where the child's stdout goes
 * @param stderr where the child's stderr goes
 * @param listener receives the frames the child sends other than its exception and exit report, on the
 *     connection's reader thread (must not block); null when not needed
 */
public record LaunchRequest(Process owner, String name, boolean daemon, int[] identity, byte[] task,
        Path javaBinary, List<String> jvmOptions, Map<String, String> environment, Path directory,
        List<ClassLoader> classLoaders, StreamSpec stdout, StreamSpec stderr,
        java.util.function.Consumer<io.github.multiprocessing4j.internal.wire.Frame> listener) {
}
