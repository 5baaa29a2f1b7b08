package io.github.multiprocessing4j.shm;

import io.github.multiprocessing4j.internal.runtime.JvmRuntime;
import io.github.multiprocessing4j.internal.shm.Attachment;
import io.github.multiprocessing4j.internal.shm.HandleProxy;
import io.github.multiprocessing4j.internal.shm.Segment;
import io.github.multiprocessing4j.internal.shm.ShmFiles;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A named block of memory shared by processes (Python: {@code multiprocessing.shared_memory.SharedMemory}).
 *
 * <pre>{@code
 * try (SharedMemory shm = SharedMemory.create("frames", 1 << 20)) {   // create=True
 *     shm.buf().putInt(0, 42);
 *     // another process: SharedMemory.attach("frames").buf().getInt(0) == 42
 *     shm.unlink();
 * }
 * }</pre>
 *
 * <h2>Names and files</h2>
 * The memory is the file {@code /dev/shm/mp4j-<creator pid>-n-<name>}; {@link #name()} is the name without the
 * prefix, and {@link #attach(String)} finds the file by it. A name has 1 to 200 of the characters
 * {@code A-Z a-z 0-9 _ . -}; a leading {@code /} is dropped, as Python does.
 *
 * <h2>Lifetime (differs from Python)</h2>
 * Attaching never unlinks (Python's resource tracker does). The file is removed by {@link #unlink()}, or when the
 * creating process exits (a shutdown hook), or, if that process was killed with SIGKILL, by the next process of
 * this library that starts. {@link #close()} only ends this handle; the memory stays valid in other processes
 * that are attached even after the file is removed.
 *
 * <h2>What crosses the process boundary</h2>
 * Only the name: a SharedMemory passed to a child (argument or captured) attaches to the same memory there.
 *
 * <h2>Threads, blocking, dead peers</h2>
 * Nothing blocks. The buffer has no synchronization of its own: use a {@link io.github.multiprocessing4j.sync.Lock}
 * or the buffer's own atomic operations. A process that dies leaves the bytes as they were.
 */
public final class SharedMemory implements Serializable, AutoCloseable {
    static {
        JvmRuntime.get(); // its exit sequence releases the shared memory this JVM holds
    }

    private static final long serialVersionUID = 1L;
    private static final int VERSION = 1;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,200}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The name without the file prefix. */
    private final String name;
    private final transient Attachment attachment;

    private SharedMemory(String name, Attachment attachment) {
        this.name = name;
        this.attachment = attachment;
    }

    /**
     * Creates memory of {@code size} bytes under a generated name (Python: {@code SharedMemory(create=True,
     * size=n)}), filled with zeros.
     *
     * @param size the size in bytes, at least 1
     * @return the new memory
     * @throws IllegalArgumentException for a size below 1 or above 2 GiB - 2177 bytes (the header takes 2176)
     * @throws java.io.UncheckedIOException when the shared-memory directory ({@code /dev/shm}) cannot supply the
     *     memory (full or too small); the message names the directory and the size in bytes
     */
    public static SharedMemory create(int size) {
        return create("psm_" + randomHex(6), size);
    }

    /** {@code bytes} random bytes in hex, for generated names. */
    static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        StringBuilder s = new StringBuilder();
        for (byte b : random) {
            s.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
        }
        return s.toString();
    }

    /**
     * Creates memory of {@code size} bytes under {@code name}, filled with zeros.
     *
     * @param name the name (see the class comment)
     * @param size the size in bytes, at least 1
     * @return the new memory
     * @throws IllegalArgumentException for a bad name or size
     * @throws IllegalStateException when memory of that name exists already
     * @throws java.io.UncheckedIOException when the shared-memory directory ({@code /dev/shm}) cannot supply the
     *     memory (full or too small); the message names the directory and the size in bytes
     */
    public static SharedMemory create(String name, int size) {
        String n = checkName(name);
        if (size <= 0) {
            throw new IllegalArgumentException("shared memory size must be positive: name=" + n + ", size=" + size);
        }
        List<Path> existing = ShmFiles.findNamed(n);
        if (!existing.isEmpty()) {
            throw new IllegalStateException("shared memory exists already: name=" + n + ", file=" + existing.get(0));
        }
        Segment segment = Segment.createNamed(ShmFiles.namedFileName(n), Segment.KIND_BYTES, VERSION, size,
                body -> { });
        if (ShmFiles.findNamed(n).size() > 1) { // another process created it at the same moment
            segment.unlink();
            segment.release();
            throw new IllegalStateException("shared memory exists already: name=" + n);
        }
        return new SharedMemory(n, Attachment.of(segment, "shared memory", false));
    }

    /**
     * Attaches to existing memory (Python: {@code SharedMemory(name)}).
     *
     * @param name the name given at creation
     * @return a handle on the same memory
     * @throws IllegalArgumentException when no memory of that name exists
     */
    public static SharedMemory attach(String name) {
        String n = checkName(name);
        for (Path file : ShmFiles.findNamed(n)) {
            try {
                return attachFile(n, file.getFileName().toString());
            } catch (IllegalArgumentException e) {
                // removed or not ready between the listing and the attach: try the next one
            }
        }
        throw new IllegalArgumentException("no shared memory of this name: name=" + n + ", dir=" + ShmFiles.DIR);
    }

    /** A handle on the file of a SharedMemory received from another process. */
    static SharedMemory attachFile(String name, String fileName) {
        return new SharedMemory(name, Attachment.attachUntracked(fileName, Segment.KIND_BYTES, VERSION,
                "shared memory"));
    }

    /**
     * Attaches to existing memory and checks its size.
     *
     * @param name the name given at creation
     * @param expectedSize the size the caller expects
     * @return a handle on the same memory
     * @throws IllegalArgumentException when no memory of that name exists, or it has another size
     */
    public static SharedMemory attach(String name, int expectedSize) {
        SharedMemory shm = attach(name);
        if (shm.size() != expectedSize) {
            int actual = shm.size();
            shm.close();
            throw new IllegalArgumentException("shared memory has another size: name=" + shm.name + ", size="
                    + actual + ", expected=" + expectedSize);
        }
        return shm;
    }

    private static String checkName(String name) {
        String n = name != null && name.startsWith("/") ? name.substring(1) : name;
        if (n == null || !NAME.matcher(n).matches()) {
            throw new IllegalArgumentException("bad shared memory name (1-200 of A-Z a-z 0-9 _ . -): name=" + name);
        }
        return n;
    }

    /**
     * The name, as given to {@link #create(String, int)} or generated.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The size in bytes, exactly as created (Python may round it up; this does not).
     *
     * @return the size
     */
    public int size() {
        return attachment.segment().size();
    }

    /**
     * A view of the memory (Python: {@code buf}): position 0, limit and capacity {@link #size()}, the platform's
     * byte order. Each call returns a new view with its own position. A view stays usable after {@link #close()}
     * (Java cannot revoke it); do not use it then.
     *
     * @return the view
     * @throws IllegalStateException after close
     */
    public ByteBuffer buf() {
        return attachment.open().body().duplicate().clear().order(ByteOrder.nativeOrder());
    }

    /** Ends this handle (Python: {@code close()}); the memory and its file remain. Closing twice does nothing. */
    @Override
    public void close() {
        attachment.close();
    }

    /**
     * Removes the file (Python: {@code unlink()}): no process can attach any more; processes that are attached
     * keep their memory until they close. Call it once, in one process; later calls do nothing.
     *
     * @return whether this call removed the file
     */
    public boolean unlink() {
        return attachment.segment().unlink();
    }

    /** This handle's hold on the memory, for the serial form of a handle built on it. */
    Attachment attachment() {
        return attachment;
    }

    @Override
    public String toString() {
        return "SharedMemory('" + name + "', size=" + size() + ")";
    }

    /**
     * Serializes this handle as its name, so that the receiving process attaches to the same memory.
     *
     * @return the serial form
     */
    private Object writeReplace() {
        return HandleProxy.of(Handles.SHARED_MEMORY, attachment, 0, name);
    }
}
