package io.github.multiprocessing4j.internal.shm;

import io.github.multiprocessing4j.internal.watch.Liveness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * One mapped shared-memory file: a {@link HeaderLayout header} and a body. Within a JVM each file is mapped once
 * ({@link ShmRegistry} keeps the mappings); handles share the mapping and count their references. Java 17 cannot
 * unmap a buffer explicitly: the mapping goes when the last reference to it is collected.
 */
public final class Segment {
    /** Kinds of body. */
    public static final int KIND_BYTES = 1;
    public static final int KIND_LOCK = 2;
    public static final int KIND_VALUE = 3;
    public static final int KIND_ARRAY = 4;
    public static final int KIND_SEMAPHORE = 5;
    public static final int KIND_EVENT = 6;
    public static final int KIND_CONDITION = 7;
    public static final int KIND_BARRIER = 8;
    public static final int KIND_QUEUE = 9;
    public static final int KIND_PIPE = 10;

    /** This JVM's start in epoch milliseconds, for the header's version-1 field (see {@link HeaderLayout}). */
    private static final long START_MILLIS = ProcessHandle.current().info().startInstant()
            .map(java.time.Instant::toEpochMilli).orElse(0L);

    static {
        // the runtime sweeps when the library starts in a main process; any JVM also sweeps before it first uses
        // shared memory, so that a creator killed since then does not leave files for long
        ShmRegistry.sweepStale();
    }

    private final Path file;
    private final String fileName;
    private final ByteBuffer body;
    private final PeerTable holders;
    private final int kind;
    private final int kindVersion;
    private final long creatorPid;
    /** Guarded by ShmRegistry's mappings. */
    int references = 1;
    /** Whether no process holds the segment any more; the kind decides which tables count. */
    private volatile java.util.function.BooleanSupplier unused;

    private Segment(Path file, MappedByteBuffer whole, int kind, int kindVersion, long creatorPid) {
        this.file = file;
        this.fileName = file.getFileName().toString();
        this.kind = kind;
        this.kindVersion = kindVersion;
        this.creatorPid = creatorPid;
        this.body = whole.slice(HeaderLayout.LENGTH, whole.capacity() - HeaderLayout.LENGTH)
                .order(whole.order());
        this.holders = new PeerTable(whole, HeaderLayout.HOLDERS_OFFSET, this);
    }

    /**
     * Creates a segment with a fresh name ({@code mp4j-<pid>-<tag><random>}); {@code init} lays out the body before
     * the segment is marked ready.
     */
    public static Segment create(String tag, int kind, int kindVersion, long bodySize, BodyInit init) {
        return createNamed(ShmFiles.newFileName(tag), kind, kindVersion, bodySize, init);
    }

    /**
     * Creates a segment with a given file name; its memory is reserved (backed) before it is mapped.
     *
     * @throws UncheckedIOException when the file cannot be created or its memory cannot be reserved ({@code
     *     /dev/shm} full or too small); the message names the directory and the size in bytes
     */
    public static Segment createNamed(String fileName, int kind, int kindVersion, long bodySize, BodyInit init) {
        if (bodySize <= 0 || bodySize > Integer.MAX_VALUE - HeaderLayout.LENGTH) {
            throw new IllegalArgumentException("shared memory size out of range: size=" + bodySize
                    + ", min=1, max=" + (Integer.MAX_VALUE - HeaderLayout.LENGTH));
        }
        Path file = ShmFiles.DIR.resolve(fileName);
        MappedByteBuffer whole;
        try {
            whole = ShmFiles.createAndMap(file, HeaderLayout.LENGTH + bodySize);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new IllegalStateException("shared memory exists already: file=" + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reserve shared memory: dir=" + ShmFiles.DIR + ", size="
                    + (HeaderLayout.LENGTH + bodySize) + ", usable=" + ShmFiles.usableSpace() + ", file=" + fileName
                    + ", error=" + e.getMessage(), e);
        }
        whole.putInt(HeaderLayout.MAGIC_OFFSET, HeaderLayout.MAGIC);
        whole.putInt(HeaderLayout.VERSION_OFFSET, HeaderLayout.VERSION);
        whole.putInt(HeaderLayout.KIND_OFFSET, kind);
        whole.putInt(HeaderLayout.KIND_VERSION_OFFSET, kindVersion);
        whole.putLong(HeaderLayout.CREATOR_PID_OFFSET, Liveness.selfPid());
        whole.putLong(HeaderLayout.CREATOR_START_MILLIS_OFFSET, START_MILLIS);
        whole.putLong(HeaderLayout.CREATOR_START_OFFSET, Liveness.selfStartTime());
        whole.putLong(HeaderLayout.BODY_SIZE_OFFSET, bodySize);
        PeerTable.init(whole, HeaderLayout.HOLDERS_OFFSET);
        Segment segment = new Segment(file, whole, kind, kindVersion, Liveness.selfPid());
        init.init(segment.body);
        Words.setIntRelease(whole, HeaderLayout.READY_OFFSET, 1);
        ShmRegistry.mapped(fileName, segment);
        return segment;
    }

    /**
     * Attaches to an existing segment (or shares this JVM's mapping of it).
     *
     * @throws IllegalArgumentException when no such file exists, or it is not a segment of that kind and version
     */
    public static Segment attach(String fileName, int kind, int kindVersion) {
        return ShmRegistry.mapping(fileName, () -> map(fileName, kind, kindVersion));
    }

    private static Segment map(String fileName, int kind, int kindVersion) {
        Path file = ShmFiles.DIR.resolve(fileName);
        MappedByteBuffer whole;
        try {
            whole = ShmFiles.map(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("shared memory not found (its creator unlinked it or exited):"
                    + " file=" + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map shared memory: file=" + file + ", error="
                    + e.getMessage(), e);
        }
        check(file, whole, kind, kindVersion);
        return new Segment(file, whole, kind, kindVersion, whole.getLong(HeaderLayout.CREATOR_PID_OFFSET));
    }

    private static void check(Path file, MappedByteBuffer whole, int kind, int kindVersion) {
        if (whole.capacity() < HeaderLayout.LENGTH || whole.getInt(HeaderLayout.MAGIC_OFFSET) != HeaderLayout.MAGIC
                || Words.getIntAcquire(whole, HeaderLayout.READY_OFFSET) != 1) {
            throw new IllegalArgumentException("not a multiprocessing4j shared memory segment: file=" + file);
        }
        int version = whole.getInt(HeaderLayout.VERSION_OFFSET);
        int actualKind = whole.getInt(HeaderLayout.KIND_OFFSET);
        int actualKindVersion = whole.getInt(HeaderLayout.KIND_VERSION_OFFSET);
        if (version != HeaderLayout.VERSION || actualKind != kind || actualKindVersion != kindVersion) {
            throw new IllegalArgumentException("shared memory segment of another kind or version: file=" + file
                    + ", kind=" + actualKind + ", expectedKind=" + kind + ", version=" + version + "/"
                    + actualKindVersion + ", expectedVersion=" + HeaderLayout.VERSION + "/" + kindVersion);
        }
        long bodySize = whole.getLong(HeaderLayout.BODY_SIZE_OFFSET);
        if (bodySize != whole.capacity() - HeaderLayout.LENGTH) {
            throw new IllegalArgumentException("shared memory segment has a damaged header: file=" + file
                    + ", bodySize=" + bodySize + ", fileSize=" + whole.capacity());
        }
    }

    /** Lays out a new body. */
    @FunctionalInterface
    public interface BodyInit {
        void init(ByteBuffer body);
    }

    /** Sets how to tell that nobody holds this segment (default: its header's holders table is empty). */
    public void setUnusedCheck(java.util.function.BooleanSupplier check) {
        unused = check;
    }

    /** Whether nobody holds this segment any more, so that its file can go. */
    public boolean isUnused() {
        java.util.function.BooleanSupplier check = unused;
        return check != null ? check.getAsBoolean() : holders.nobodyLeft();
    }

    /** The table of processes that hold tracked handles on this segment. */
    public PeerTable holders() {
        return holders;
    }

    /** The body, shared: use absolute operations only. */
    public ByteBuffer body() {
        return body;
    }

    public int size() {
        return body.capacity();
    }

    public String fileName() {
        return fileName;
    }

    public Path file() {
        return file;
    }

    public int kind() {
        return kind;
    }

    public int kindVersion() {
        return kindVersion;
    }

    public long creatorPid() {
        return creatorPid;
    }

    /** Whether this process created the file and has not unlinked it yet. */
    public boolean isOwner() {
        return ShmRegistry.isOwned(file);
    }

    /** Adds a reference, for a second handle on the same mapping. */
    public void retain() {
        ShmRegistry.retain(this);
    }

    /** Drops this handle's reference; the last one forgets the mapping. Never deletes the file. */
    public void release() {
        ShmRegistry.release(this);
    }

    /** Deletes the file (other processes' mappings stay valid; new attaches fail). */
    public boolean unlink() {
        return ShmFiles.unlink(file);
    }

    /** Whether the file still exists. */
    public boolean exists() {
        return java.nio.file.Files.exists(file);
    }
}
