package io.github.multiprocessing4j.internal.spawn;

import io.github.multiprocessing4j.exception.ProcessStartException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Checks per-process JVM options once per distinct set, so a rejected option fails {@code start()} with the
 * JVM's own message instead of a child that dies on its way up. The check runs {@code java OPTIONS -version}
 * (about one JVM start) the first time a set is used; accepted sets are remembered for the life of this JVM.
 */
public final class JvmOptionCheck {
    private static final Set<List<String>> ACCEPTED = ConcurrentHashMap.newKeySet();

    private JvmOptionCheck() {
    }

    /**
     * Throws {@link ProcessStartException} with the JVM's message when the JVM rejects the options.
     */
    public static void check(Path javaBinary, List<String> options) {
        if (options.isEmpty() || ACCEPTED.contains(options)) {
            return;
        }
        List<String> command = new ArrayList<>();
        command.add(javaBinary.toString());
        command.addAll(options);
        command.add("-version");
        java.lang.Process probe;
        try {
            probe = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new ProcessStartException("cannot start the child JVM: java=" + javaBinary + ", error="
                    + e.getMessage(), e);
        }
        try {
            probe.getOutputStream().close();
            // read on another thread: an option that makes the JVM wait (a suspended debugger agent) must not
            // keep start() from timing out
            java.util.concurrent.CompletableFuture<byte[]> output = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            return probe.getInputStream().readAllBytes();
                        } catch (IOException e) {
                            return new byte[0];
                        }
                    });
            if (!probe.waitFor(60, TimeUnit.SECONDS)) {
                probe.destroyForcibly().waitFor();
                throw new ProcessStartException("the child JVM did not answer -version within 60 s: options="
                        + options, null);
            }
            if (probe.exitValue() != 0) {
                throw new ProcessStartException("the JVM rejected the child's options: options=" + options
                        + ", jvm says: " + new String(output.join(), StandardCharsets.UTF_8).trim(), null);
            }
            ACCEPTED.add(List.copyOf(options));
        } catch (IOException e) {
            probe.destroyForcibly();
            throw new ProcessStartException("cannot check the child's JVM options: options=" + options, e);
        } catch (InterruptedException e) {
            probe.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ProcessStartException("interrupted while checking the child's JVM options", e);
        }
    }
}
