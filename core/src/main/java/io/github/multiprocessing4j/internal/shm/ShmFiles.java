package io.github.multiprocessing4j.internal.shm;

import io.github.multiprocessing4j.internal.watch.Liveness;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The files behind shared memory: {@code /dev/shm/mp4j-<creator pid>-<suffix>}: naming, creating, mapping,
 * unlinking. Which of them this JVM owns is kept by {@link ShmRegistry}, which also removes them at exit and
 * sweeps the files of dead creators.
 *
 * <p>A new file is backed when it is created: tmpfs files are sparse, and a page that tmpfs cannot supply later
 * (a small or full {@code /dev/shm}) would raise SIGBUS in the first process that touches it, which the JVM
 * reports as an {@link InternalError} from an unrelated {@code put}. Writing zeros over the whole file makes
 * tmpfs allocate every page at once, so a shortage fails the constructor instead, with an {@link IOException}
 * ({@code ENOSPC}). Pure Java has no {@code posix_fallocate}; the write costs about as much as the first touch
 * of every page would have, which it saves later.
 */
public final class ShmFiles {
    /** The system property that moves the files elsewhere (a child inherits it from the parent's command line). */
    public static final String DIR_PROPERTY = "multiprocessing4j.shmDir";
    /** Where the files live: {@code /dev/shm} (a tmpfs on Linux) unless {@value #DIR_PROPERTY} says otherwise. */
    public static final Path DIR = Paths.get(System.getProperty(DIR_PROPERTY, "/dev/shm"));
    static final String PREFIX = "mp4j-";
    /** Zeros written to back a new file, a chunk at a time; read-only, shared by every thread through duplicates. */
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(256 * 1024).asReadOnlyBuffer();
    private static final SecureRandom RANDOM = new SecureRandom();

    private ShmFiles() {
    }

    /** The file name for a new segment of this process: {@code mp4j-<pid>-<tag><random>}. */
    static String newFileName(String tag) {
        byte[] random = new byte[6];
        RANDOM.nextBytes(random);
        StringBuilder s = new StringBuilder(PREFIX).append(Liveness.selfPid()).append('-').append(tag);
        for (byte b : random) {
            s.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
        }
        return s.toString();
    }

    /** The file name for a segment this process creates under a name given by the user. */
    public static String namedFileName(String userName) {
        return PREFIX + Liveness.selfPid() + "-n-" + userName;
    }

    /**
     * The files, of any live creator, that carry a user-given name (a dead creator's file is left for the sweep,
     * whenever it runs).
     */
    public static List<Path> findNamed(String userName) {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(DIR, PREFIX + "*-n-" + userName)) {
            for (Path p : entries) {
                long creator = pidOf(p);
                if (p.getFileName().toString().equals(PREFIX + creator + "-n-" + userName)
                        && Liveness.isAlive(creator, creatorStart(p))) {
                    found.add(p);
                }
            }
        } catch (IOException e) {
            // no /dev/shm: nothing is found, and the caller says so
        }
        return found;
    }

    /**
     * Deletes the files of one creator whose user-given names start with {@code namePrefix} (a
     * {@code SharedMemoryManager}'s segments), whether or not the creator is alive.
     *
     * @param creatorPid the creator's pid
     * @param namePrefix the start of the names: 1 to 100 of {@code A-Z a-z 0-9 _}
     * @return how many files were deleted
     */
    public static int unlinkNamedWithPrefix(long creatorPid, String namePrefix) {
        if (!namePrefix.matches("[A-Za-z0-9_]{1,100}")) {
            throw new IllegalArgumentException("bad name prefix (1-100 of A-Z a-z 0-9 _): prefix=" + namePrefix);
        }
        int deleted = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(DIR,
                PREFIX + creatorPid + "-n-" + namePrefix + "*")) {
            for (Path p : entries) {
                if (unlink(p)) {
                    deleted++;
                }
            }
        } catch (IOException e) {
            // no /dev/shm any more: nothing is left to delete
        }
        return deleted;
    }

    /** Creates and maps a file of {@code length} bytes that no other file of that name exists before. */
    static MappedByteBuffer createAndMap(Path file, long length) throws IOException {
        try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ, StandardOpenOption.WRITE),
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")))) {
            ShmRegistry.own(file);
            back(channel, length);
            return order(channel.map(FileChannel.MapMode.READ_WRITE, 0, length));
        } catch (IOException | RuntimeException e) {
            if (ShmRegistry.disown(file)) {
                Files.deleteIfExists(file);
            }
            throw e;
        }
    }

    /**
     * Writes {@code length} zero bytes from the start of a new, empty file, so that the file system allocates
     * every page now (see the class comment). Attachers see the full size only once it is all written: the
     * header's ready word, written later, is what they check anyway.
     */
    private static void back(FileChannel channel, long length) throws IOException {
        long at = 0;
        while (at < length) {
            ByteBuffer chunk = ZEROS.duplicate();
            chunk.limit((int) Math.min(chunk.capacity(), length - at));
            at += channel.write(chunk, at);
        }
    }

    /** The bytes still free in {@link #DIR} for an unprivileged writer, or -1 when unknown. */
    static long usableSpace() {
        try {
            return Files.getFileStore(DIR).getUsableSpace();
        } catch (IOException e) {
            return -1;
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
        ShmRegistry.disown(file);
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            return false; // not ours to delete (permissions) or /dev/shm is gone: the caller's answer is "not removed"
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
     * The creator's start time recorded in a file's header ({@link Liveness} units), or 0 (unknown: the header is
     * unreadable, of another version, or not ours).
     */
    static long creatorStart(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(HeaderLayout.CREATOR_START_OFFSET + 8)
                    .order(ByteOrder.nativeOrder());
            if (channel.read(header, 0) < header.capacity()
                    || header.getInt(HeaderLayout.MAGIC_OFFSET) != HeaderLayout.MAGIC
                    || header.getInt(HeaderLayout.VERSION_OFFSET) != HeaderLayout.VERSION) {
                return 0;
            }
            return header.getLong(HeaderLayout.CREATOR_START_OFFSET);
        } catch (IOException e) {
            return 0; // gone or unreadable: judged by the pid alone
        }
    }
}
