package io.github.multiprocessing4j.internal.wire;

import io.github.multiprocessing4j.internal.watch.Liveness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Paths for Unix sockets only this user can reach: a fresh directory (0700) named like the control socket's,
 * {@code mp4j-<pid>-*}, holding one socket file {@code s}, so that the startup sweep removes what a JVM killed
 * with SIGKILL left behind.
 */
public final class PrivateSockets {
    private PrivateSockets() {
    }

    /**
     * Makes a fresh private directory and names the socket in it (not yet bound).
     *
     * @return the socket's path; its parent is the directory
     * @throws IOException when the directory cannot be made
     */
    public static Path newSocketPath() throws IOException {
        Path directory = Files.createTempDirectory(ControlServer.baseDirectory(), "mp4j-" + Liveness.selfPid() + "-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        return directory.resolve("s");
    }

    /**
     * Restricts a bound socket file to this user (the directory is the guard; this is a second one).
     *
     * @param socket the socket file
     */
    public static void restrict(Path socket) {
        try {
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | UnsupportedOperationException e) {
            // the private directory still guards it
        }
    }

    /**
     * Removes a socket file, and its directory when it is one that {@link #newSocketPath()} made (here, or in
     * the process that handed this one the path).
     *
     * @param socket the socket file
     * @throws IOException when it cannot be removed
     */
    public static void remove(Path socket) throws IOException {
        Files.deleteIfExists(socket);
        Path directory = socket.getParent();
        if (directory != null && socket.getFileName().toString().equals("s")
                && directory.getFileName().toString().startsWith("mp4j-")) {
            Files.deleteIfExists(directory);
        }
    }
}
