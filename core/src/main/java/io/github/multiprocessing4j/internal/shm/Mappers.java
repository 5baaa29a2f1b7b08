package io.github.multiprocessing4j.internal.shm;

import io.github.multiprocessing4j.internal.watch.Liveness;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Whether another process maps a file, as Linux lists it in {@code /proc/<pid>/maps}: the last word on who may
 * still hold a segment when its holder table overflowed (see {@link PeerTable}). Every holder maps the file
 * before it registers, and Java cannot unmap it before the mapping is collected, so a process that does not map
 * the file holds no handle on it. Reading every process's maps costs milliseconds: callers do it rarely.
 */
final class Mappers {
    private static final Path PROC = Paths.get("/proc");

    private Mappers() {
    }

    /**
     * Whether a process other than this one maps {@code file}.
     *
     * @return true when one does, or when it cannot be told (no /proc): then every holder counts as alive
     */
    static boolean othersMap(Path file) {
        if (!Files.isReadable(PROC.resolve("self").resolve("maps"))) {
            return true;
        }
        byte[] name = (" " + file.toAbsolutePath()).getBytes(StandardCharsets.UTF_8);
        String self = Long.toString(Liveness.selfPid());
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path pid : pids) {
                if (!pid.getFileName().toString().equals(self) && maps(pid.resolve("maps"), name)) {
                    return true;
                }
            }
        } catch (IOException e) {
            return true; // /proc unreadable now: cannot tell
        }
        return false;
    }

    private static boolean maps(Path maps, byte[] name) {
        byte[] text;
        try {
            text = Files.readAllBytes(maps);
        } catch (IOException | SecurityException e) {
            return false; // gone meanwhile, or another user's (who cannot open our 0600 files)
        }
        outer:
        for (int i = 0; i <= text.length - name.length; i++) {
            for (int j = 0; j < name.length; j++) {
                if (text[i + j] != name[j]) {
                    continue outer;
                }
            }
            int end = i + name.length;
            // the whole path: the line ends there, or with " (deleted)" after an unlink
            if (end == text.length || text[end] == '\n' || text[end] == ' ') {
                return true;
            }
        }
        return false;
    }
}
