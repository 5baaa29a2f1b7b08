package io.github.multiprocessing4j.internal.spawn;

/**
 * Where one of a child's output streams goes.
 *
 * @param redirect the operating-system redirection; {@code PIPE} when this JVM copies the stream
 * @param forward whether to copy it to this JVM's System.out/System.err
 * @param capture whether to keep a copy in memory
 */
public record StreamSpec(ProcessBuilder.Redirect redirect, boolean forward, boolean capture) {
    /** Kept in memory per stream when captured: the last 1 MiB. */
    public static final int CAPTURE_LIMIT = 1 << 20;
}
