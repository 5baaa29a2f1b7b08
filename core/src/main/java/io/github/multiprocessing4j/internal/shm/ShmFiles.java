package io.github.multiprocessing4j.internal.shm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The files behind shared memory: {@code /dev/shm/mp4j-<creator pid>-<suffix>}.
 *
 * <p>Ownership: the process that creates a file owns it and deletes it when it exits (a shutdown hook), unless it
 * was unlinked before. A process that only attaches never deletes. Files whose creator was killed with SIGKILL
 * (no shutdown hook ran) are swept the first time a process of this library touches shared memory: the pid in
 * the name is dead, or alive but started at another time than the creator recorded in the header (a reused pid).
 */
public final class ShmFiles {
    /** Where the files live: a tmpfs on Linux. */
    public static final Path DIR = Paths.get("/dev/shm");
    private static final String PREFIX = "mp4j-";
    private static final long START_TOLERANCE_MILLIS = 2_000;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<Path> OWNED = ConcurrentHashMap.newKeySet();
    private static final long PID = ProcessHandle.current().pid();
    private static final long START = startMillis(ProcessHandle.current());

    static {
        sweep();
        Thread hook = new Thread(ShmFiles::deleteOwned, "mp4j-shm-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private ShmFiles() {
    }

    /** The file name for a new segment of this process: {@code mp4j-<pid>-<tag><random>}. */
    static String newFileName(String tag) {
        byte[] random = new byte[6];
        RANDOM.nextBytes(random);
        StringBuilder s = new StringBuilder(PREFIX).append(PID).append('-').append(tag);
        for (byte b : random) {
            s.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
        }
        return s.toString();
    }

    /** The file name for a segment this process creates under a name given by the user. */
    public static String namedFileName(String userName) {
        return PREFIX + PID + "-n-" + userName;
    }

    /** The files, of any creator, that carry a user-given name. */
    public static List<Path> findNamed(String userName) {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(DIR, PREFIX + "*-n-" + userName)) {
            for (Path p : entries) {
                if (p.getFileName().toString().equals(PREFIX + pidOf(p) + "-n-" + userName)) {
                    found.add(p);
                }
            }
        } catch (IOException e) {
            // no /dev/shm: nothing is found, and the caller says so
        }
        return found;
    }

    /** Creates and maps a file of {@code length} bytes that no other file of that name exists before. */
    static MappedByteBuffer createAndMap(Path file, long length) throws IOException {
        try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ, StandardOpenOption.WRITE),
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")))) {
            OWNED.add(file);
            channel.truncate(length);
            // tmpfs files are sparse; writing the last byte makes the size visible to attachers at once
            channel.write(ByteBuffer.wrap(new byte[1]), length - 1);
            return order(channel.map(FileChannel.MapMode.READ_WRITE, 0, length));
        } catch (IOException | RuntimeException e) {
            if (OWNED.remove(file)) {
                Files.deleteIfExists(file);
            }
            throw e;
        }
    }

    /** Maps an existing file, all of it. */
    static MappedByteBuffer map(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            return order(channel.map(FileChannel.MapMode.READ_WRITE, 0, channel.size()));
        }
    }

    private static MappedByteBuffer order(MappedByteBuffer b) {
        b.order(ByteOrder.nativeOrder());
        return b;
    }

    /** Deletes a file (the mappings of processes that have it mapped stay valid). */
    static boolean unlink(Path file) {
        OWNED.remove(file);
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            return false;
        }
    }

    static boolean isOwned(Path file) {
        return OWNED.contains(file);
    }

    static long pid() {
        return PID;
    }

    /** This JVM's pid. */
    public static long selfPid() {
        return PID;
    }

    static long startMillis() {
        return START;
    }

    private static void deleteOwned() {
        for (Path file : OWNED) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // the JVM is ending; a leftover is swept by the next start
            }
        }
    }

    /** The creator pid in a file name, or -1. */
    static long pidOf(Path file) {
        String name = file.getFileName().toString();
        if (!name.startsWith(PREFIX)) {
            return -1;
        }
        int end = name.indexOf('-', PREFIX.length());
        try {
            return Long.parseLong(name.substring(PREFIX.length(), end < 0 ? name.length() : end));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Whether a process that recorded (pid, start) is still alive: the pid is alive and, when both start times are
     * known, started at about the same time (otherwise the pid was reused).
     */
    public static boolean isAlive(long pid, long recordedStartMillis) {
        if (pid == PID) {
            return true;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !isAlive(pid)) {
            return false;
        }
        long start = startMillis(handle.get());
        return recordedStartMillis == 0 || start == 0
                || Math.abs(start - recordedStartMillis) <= START_TOLERANCE_MILLIS;
    }

    /**
     * Whether a pid is alive (no check of reuse). A zombie (dead, not yet reaped by its parent) counts as dead:
     * on Linux the state letter in {@code /proc/<pid>/stat} tells.
     */
    public static boolean isAlive(long pid) {
        if (pid == PID) {
            return true;
        }
        Path stat = Paths.get("/proc", Long.toString(pid), "stat");
        try {
            String text = Files.readString(stat);
            int close = text.lastIndexOf(')');
            char state = close >= 0 && close + 2 < text.length() ? text.charAt(close + 2) : '?';
            return state != 'Z' && state != 'X' && state != 'x';
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }

    static long startMillis(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    /** Deletes the files whose creator is gone. Runs once per JVM, before this JVM creates or attaches any file. */
    static int sweep() {
        int swept = 0;
        if (!Files.isDirectory(DIR)) {
            return 0;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(DIR, PREFIX + "*")) {
            for (Path file : entries) {
                long pid = pidOf(file);
                if (pid <= 0 || pid == PID || !Files.isRegularFile(file)) {
                    continue;
                }
                if (!isAlive(pid, recordedStart(file)) && Files.deleteIfExists(file)) {
                    swept++;
                }
            }
        } catch (IOException e) {
            // an unreadable /dev/shm: nothing to sweep
        }
        return swept;
    }

    private static long recordedStart(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(HeaderLayout.LENGTH).order(ByteOrder.nativeOrder());
            if (channel.read(header, 0) < HeaderLayout.LENGTH
                    || header.getInt(HeaderLayout.MAGIC_OFFSET) != HeaderLayout.MAGIC) {
                return 0;
            }
            return header.getLong(HeaderLayout.CREATOR_START_OFFSET);
        } catch (IOException e) {
            return 0;
        }
    }
}
