package io.github.multiprocessing4j.internal.shm;

import io.github.multiprocessing4j.internal.watch.Liveness;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * All of this JVM's shared-memory bookkeeping, in one place: the files it created (and deletes at exit), the
 * segments it has mapped (one mapping per file, shared by the handles), and its holds on holder tables (one slot
 * per table, however many handles).
 *
 * <p>Process-wide state with two entry points for the JVM's lifecycle: {@link #sweepStale()} (run by the runtime
 * when the library starts in a main process, and in any JVM before it first uses shared memory) and {@link #releaseAtExit()} (a step of the runtime's exit
 * sequence). Every public class that creates or attaches shared memory makes sure the runtime exists first.
 * Thread-safe.
 */
public final class ShmRegistry {
    private static final Set<Path> OWNED = ConcurrentHashMap.newKeySet();
    /** Guarded by itself; also guards the reference counts of the segments in it. */
    private static final Map<String, Segment> MAPPED = new HashMap<>();
    /**
     * This JVM's hold on each holder table: {handles, 1 when it has a slot (0: it counted itself in the overflow)}.
     * Guarded by itself.
     */
    private static final Map<PeerTable, int[]> HOLDS = new HashMap<>();

    private ShmRegistry() {
    }

    /**
     * Releases this JVM's shared memory as it exits: frees its slots in every holder table, removes the files that
     * nobody holds any more, and removes the files it created (its handles' mappings in other processes stay
     * valid). Never blocks; safe to call more than once.
     */
    public static void releaseAtExit() {
        Set<Segment> touched = new HashSet<>();
        synchronized (HOLDS) {
            for (Map.Entry<PeerTable, int[]> e : HOLDS.entrySet()) {
                e.getKey().unregister(e.getValue()[1] != 0);
                touched.add(e.getKey().segment());
            }
            HOLDS.clear();
        }
        for (Segment s : touched) {
            if (s.isUnused()) {
                s.unlink();
            }
        }
        for (Path file : OWNED) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // the JVM is ending; a leftover is swept by the next start (its creator is dead by then)
            }
        }
        OWNED.clear();
    }

    /**
     * Deletes the {@code mp4j-*} files in {@link ShmFiles#DIR} whose creator is dead, or whose creator's pid now
     * belongs to another process (told by the start time recorded in the header).
     *
     * @return how many files were deleted
     */
    public static int sweepStale() {
        if (!Files.isDirectory(ShmFiles.DIR)) {
            return 0;
        }
        int swept = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(ShmFiles.DIR, ShmFiles.PREFIX + "*")) {
            for (Path file : entries) {
                long pid = ShmFiles.pidOf(file);
                if (pid <= 0 || pid == Liveness.selfPid() || !Files.isRegularFile(file)) {
                    continue;
                }
                if (!Liveness.isAlive(pid, ShmFiles.creatorStart(file)) && Files.deleteIfExists(file)) {
                    swept++;
                }
            }
        } catch (IOException e) {
            // an unreadable /dev/shm (or a file that went while listed): nothing more to sweep now
        }
        return swept;
    }

    static void own(Path file) {
        OWNED.add(file);
    }

    static boolean disown(Path file) {
        return OWNED.remove(file);
    }

    static boolean isOwned(Path file) {
        return OWNED.contains(file);
    }

    /** This JVM's mapping of a file with one more reference, or a new one from {@code map}, registered. */
    static Segment mapping(String fileName, Supplier<Segment> map) {
        synchronized (MAPPED) {
            Segment known = MAPPED.get(fileName);
            if (known != null) {
                known.references++;
                return known;
            }
            Segment segment = map.get();
            MAPPED.put(fileName, segment);
            return segment;
        }
    }

    /**
     * Registers a new mapping of a file this JVM just created; it replaces the mapping of an earlier file of the
     * same name that was unlinked (a named SharedMemory created again), whose handles keep their own.
     */
    static void mapped(String fileName, Segment segment) {
        synchronized (MAPPED) {
            MAPPED.put(fileName, segment);
        }
    }

    static void retain(Segment segment) {
        synchronized (MAPPED) {
            segment.references++;
        }
    }

    /** Drops a reference; the last one forgets the mapping. */
    static void release(Segment segment) {
        synchronized (MAPPED) {
            if (--segment.references <= 0) {
                MAPPED.remove(segment.fileName(), segment);
            }
        }
    }

    /**
     * Counts a new handle of this JVM on a table: the first one takes a slot (claiming the reservation of a handle
     * that was deserialized); a later deserialized one frees the reservation its sender made.
     */
    static void hold(PeerTable table, boolean deserialized) {
        synchronized (HOLDS) {
            int[] count = HOLDS.computeIfAbsent(table, t -> new int[2]);
            if (count[0]++ == 0) {
                boolean slot = deserialized ? table.claim() : table.register();
                count[1] = slot ? 1 : 0;
            } else if (deserialized) {
                table.dropReservation();
            }
        }
    }

    /**
     * Forgets a handle of this JVM on a table; the last one frees the slot.
     *
     * @return whether that was the last handle
     */
    static boolean drop(PeerTable table) {
        synchronized (HOLDS) {
            int[] count = HOLDS.get(table);
            if (count == null || --count[0] > 0) {
                return false;
            }
            HOLDS.remove(table);
            table.unregister(count[1] != 0);
            return true;
        }
    }
}
