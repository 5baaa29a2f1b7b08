package io.github.multiprocessing4j;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a child's stdout or stderr goes. The default, {@link #inherit()}, is Python's: the child writes straight
 * to this JVM's file descriptors 1 and 2, so its lines appear in the same console at no cost. Whatever is chosen,
 * the control channel never travels on these streams, so nothing a child prints can corrupt it.
 */
public final class Output {
    enum Kind { INHERIT, DISCARD, FORWARD, CAPTURE, FORWARD_AND_CAPTURE, FILE, APPEND }

    final Kind kind;
    final Path file;

    private Output(Kind kind, Path file) {
        this.kind = kind;
        this.file = file;
    }

    /**
     * The child writes to this JVM's own stdout/stderr file descriptors (the default).
     *
     * @return the setting
     */
    public static Output inherit() {
        return new Output(Kind.INHERIT, null);
    }

    /**
     * The child's output is thrown away.
     *
     * @return the setting
     */
    public static Output discard() {
        return new Output(Kind.DISCARD, null);
    }

    /**
     * The child's output is copied, by a thread of this JVM, to {@code System.out} or {@code System.err} as they
     * are at each write, so it follows a redirection made with {@code System.setOut}.
     *
     * @return the setting
     */
    public static Output forward() {
        return new Output(Kind.FORWARD, null);
    }

    /**
     * The child's output is kept in memory (its last MiB) for {@link Process#capturedOutput()} and
     * {@link Process#capturedError()}, and not shown.
     *
     * @return the setting
     */
    public static Output capture() {
        return new Output(Kind.CAPTURE, null);
    }

    /**
     * The child's output is both forwarded as {@link #forward()} does and kept as {@link #capture()} does.
     *
     * @return the setting
     */
    public static Output forwardAndCapture() {
        return new Output(Kind.FORWARD_AND_CAPTURE, null);
    }

    /**
     * The child's output replaces the contents of a file.
     *
     * @param file the file
     * @return the setting
     */
    public static Output toFile(Path file) {
        return new Output(Kind.FILE, Objects.requireNonNull(file, "file"));
    }

    /**
     * The child's output is appended to a file.
     *
     * @param file the file
     * @return the setting
     */
    public static Output appendTo(Path file) {
        return new Output(Kind.APPEND, Objects.requireNonNull(file, "file"));
    }

    @Override
    public String toString() {
        return file == null ? kind.name().toLowerCase(java.util.Locale.ROOT) : kind.name().toLowerCase(
                java.util.Locale.ROOT) + ":" + file;
    }
}
