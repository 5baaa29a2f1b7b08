package io.github.multiprocessing4j.internal.watch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;

/**
 * The one answer to "is that process still the one I knew?", for socket sweeps, shared-memory holder tables,
 * lock recovery and the child's watch on its parent.
 *
 * <p>A process is known by its pid and its start time. On Linux the start time is field 22 of
 * {@code /proc/<pid>/stat} (clock ticks since boot): exact, so a reused pid is told apart from the process that
 * had it, and a zombie (dead, not yet reaped) counts as dead. Elsewhere the start time is the JDK's
 * {@code ProcessHandle.Info.startInstant()} in milliseconds, compared with a tolerance. A start time of 0 means
 * unknown: only the pid is checked then.
 *
 * <p>Thread-safe; each call reads {@code /proc} once (a few microseconds) and never blocks.
 */
public final class Liveness {
    private static final Path PROC = Paths.get("/proc");
    private static final boolean HAS_PROC = Files.isReadable(PROC.resolve("self").resolve("stat"));
    private static final long TOLERANCE_MILLIS = 2_000;
    private static final long SELF_PID = ProcessHandle.current().pid();
    private static final long SELF_START = startTime(SELF_PID);

    private Liveness() {
    }

    /** This process's pid. */
    public static long selfPid() {
        return SELF_PID;
    }

    /** This process's start time, in the unit {@link #startTime(long)} gives. */
    public static long selfStartTime() {
        return SELF_START;
    }

    /**
     * The start time of a live process: clock ticks since boot where {@code /proc} exists, else epoch
     * milliseconds; 0 when the process is gone or the system does not say.
     *
     * @param pid the process
     * @return its start time, or 0
     */
    public static long startTime(long pid) {
        if (HAS_PROC) {
            String[] fields = statFields(pid);
            if (fields == null || fields.length < 20) {
                return 0;
            }
            try {
                return Long.parseLong(fields[19]);
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return ProcessHandle.of(pid).flatMap(p -> p.info().startInstant()).map(Instant::toEpochMilli).orElse(0L);
    }

    /**
     * Whether a pid belongs to a running process (a zombie is not running). Does not detect pid reuse: prefer
     * {@link #isAlive(long, long)} when the start time is known.
     *
     * @param pid the process
     * @return whether it runs
     */
    public static boolean isAlive(long pid) {
        if (pid == SELF_PID) {
            return true;
        }
        if (pid <= 0) {
            return false;
        }
        if (HAS_PROC) {
            String[] fields = statFields(pid);
            return fields != null && fields.length > 0 && !isDeadState(fields[0]);
        }
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * Whether the process that had this pid and start time still runs: the pid runs, is not a zombie, and started
     * at that time (otherwise the pid was reused).
     *
     * @param pid the process
     * @param startTime as {@link #startTime(long)} gave it; 0 when unknown
     * @return whether that very process runs
     */
    public static boolean isAlive(long pid, long startTime) {
        if (pid == SELF_PID) {
            return startTime == 0 || startTime == SELF_START;
        }
        if (pid <= 0) {
            return false;
        }
        if (HAS_PROC) {
            String[] fields = statFields(pid);
            if (fields == null || fields.length < 20 || isDeadState(fields[0])) {
                return false;
            }
            return startTime == 0 || fields[19].equals(Long.toString(startTime));
        }
        if (!isAlive(pid)) {
            return false;
        }
        long now = startTime(pid);
        return startTime == 0 || now == 0 || Math.abs(now - startTime) <= TOLERANCE_MILLIS;
    }

    private static boolean isDeadState(String state) {
        return state.equals("Z") || state.equals("X") || state.equals("x");
    }

    /** The fields of /proc/pid/stat after the command name: index 0 is field 3 (the state); null if gone. */
    private static String[] statFields(long pid) {
        try {
            String text = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
            int close = text.lastIndexOf(')');
            if (close < 0 || close + 2 >= text.length()) {
                return null;
            }
            return text.substring(close + 2).trim().split(" ");
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return null;
        }
    }
}
