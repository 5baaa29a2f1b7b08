package io.github.multiprocessing4j.shm;

import io.github.multiprocessing4j.internal.shm.Words;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The bytes of a {@link ShareableList}, in the body of its {@link SharedMemory} (all words in the platform's byte
 * order; the body starts 8-aligned):
 *
 * <pre>
 *  0        4        8                                   8 + 16n
 *  +--------+--------+-----------------------------------+--------------------------------------+
 *  | MAGIC  | n      | slot 0 | slot 1 | ... | slot n-1   | data 0 | data 1 | ... (each 8-aligned) |
 *  +--------+--------+-----------------------------------+--------------------------------------+
 *  slot i (16 bytes): | type (int) | capacity (int) | data offset (int) | length (int, str/bytes) |
 * </pre>
 *
 * Capacity and data offset are fixed at creation (Python: the allocated offsets); type and length change with
 * each {@code set}. A number is one aligned 8-byte word at the data offset; a string (UTF-8) or bytes take
 * {@code length} bytes of its capacity. The capacity of a string or bytes slot is its length rounded up to the next
 * multiple of 8 (at least one byte more, as Python allocates); of any other slot, 8. Not thread-safe by itself:
 * {@link ShareableList} says what is atomic.
 */
final class ListLayout {
    /** "SLS1". */
    static final int MAGIC = 0x534c5331;
    static final int COUNT_OFFSET = 4;
    static final int SLOTS_OFFSET = 8;
    static final int SLOT_LENGTH = 16;
    static final int ALIGNMENT = 8;

    static final int NULL = 0;
    static final int INT = 1;
    static final int LONG = 2;
    static final int DOUBLE = 3;
    static final int BOOLEAN = 4;
    static final int STRING = 5;
    static final int BYTES = 6;

    private final ByteBuffer body;
    private final int count;

    private ListLayout(ByteBuffer body, int count) {
        this.body = body;
        this.count = count;
    }

    /** The body size for these values. */
    static int sizeFor(List<?> values) {
        long size = SLOTS_OFFSET + (long) SLOT_LENGTH * values.size();
        for (int i = 0; i < values.size(); i++) {
            size += capacityFor(values.get(i), i);
        }
        if (size > Integer.MAX_VALUE - 4096) {
            throw new IllegalArgumentException("values too large for a ShareableList: bytes=" + size);
        }
        return (int) size;
    }

    /** Lays out a new list in a zeroed body and writes the values. */
    static ListLayout init(ByteBuffer body, List<?> values) {
        int data = SLOTS_OFFSET + SLOT_LENGTH * values.size();
        for (int i = 0; i < values.size(); i++) {
            int slot = SLOTS_OFFSET + SLOT_LENGTH * i;
            int capacity = capacityFor(values.get(i), i);
            body.putInt(slot + 4, capacity);
            body.putInt(slot + 8, data);
            data += capacity;
        }
        body.putInt(COUNT_OFFSET, values.size());
        ListLayout layout = new ListLayout(body, values.size());
        for (int i = 0; i < values.size(); i++) {
            layout.set(i, values.get(i));
        }
        Words.setIntRelease(body, 0, MAGIC);
        return layout;
    }

    /**
     * Reads the layout of an existing list.
     *
     * @throws IllegalArgumentException when the memory does not hold a ShareableList
     */
    static ListLayout read(ByteBuffer body, String name) {
        int size = body.capacity();
        if (size < SLOTS_OFFSET || Words.getIntAcquire(body, 0) != MAGIC) {
            throw new IllegalArgumentException("shared memory does not hold a ShareableList: name=" + name);
        }
        int count = body.getInt(COUNT_OFFSET);
        if (count < 0 || SLOTS_OFFSET + (long) SLOT_LENGTH * count > size) {
            throw new IllegalArgumentException("ShareableList is damaged: name=" + name + ", count=" + count);
        }
        for (int i = 0; i < count; i++) {
            int slot = SLOTS_OFFSET + SLOT_LENGTH * i;
            long end = (long) body.getInt(slot + 8) + body.getInt(slot + 4);
            if (body.getInt(slot + 8) < 0 || body.getInt(slot + 4) < ALIGNMENT || end > size) {
                throw new IllegalArgumentException("ShareableList is damaged: name=" + name + ", index=" + i);
            }
        }
        return new ListLayout(body, count);
    }

    int count() {
        return count;
    }

    /** The value of slot {@code i}, of the Java type it was written with. */
    Object get(int i) {
        int slot = SLOTS_OFFSET + SLOT_LENGTH * i;
        int type = Words.getIntAcquire(body, slot);
        int data = body.getInt(slot + 8);
        switch (type) {
            case NULL:
                return null;
            case INT:
                return (int) Words.getLongVolatile(body, data);
            case LONG:
                return Words.getLongVolatile(body, data);
            case DOUBLE:
                return Double.longBitsToDouble(Words.getLongVolatile(body, data));
            case BOOLEAN:
                return Words.getLongVolatile(body, data) != 0;
            case STRING:
                return new String(bytes(slot, data), StandardCharsets.UTF_8);
            case BYTES:
                return bytes(slot, data);
            default:
                throw new IllegalStateException("ShareableList slot has an unknown type: index=" + i + ", type="
                        + type);
        }
    }

    private byte[] bytes(int slot, int data) {
        // a length torn by a concurrent writer is clamped, never read beyond the slot
        int length = Math.max(0, Math.min(Words.getIntAcquire(body, slot + 12), body.getInt(slot + 4)));
        byte[] bytes = new byte[length];
        body.get(data, bytes);
        return bytes;
    }

    /**
     * Writes slot {@code i}.
     *
     * @throws IllegalArgumentException for a type that a ShareableList cannot hold, or a string or bytes longer
     *     than the slot's capacity
     */
    void set(int i, Object value) {
        int slot = SLOTS_OFFSET + SLOT_LENGTH * i;
        int type = typeOf(value, i);
        int data = body.getInt(slot + 8);
        if (type == STRING || type == BYTES) {
            byte[] bytes = encoded(value);
            int capacity = body.getInt(slot + 4);
            if (bytes.length > capacity) {
                throw new IllegalArgumentException("bytes/str item exceeds available storage: index=" + i
                        + ", length=" + bytes.length + ", capacity=" + capacity);
            }
            body.put(data, bytes);
            Words.setIntRelease(body, slot + 12, bytes.length);
        } else if (type != NULL) {
            Words.setLongVolatile(body, data, word(value));
        }
        if (Words.getIntAcquire(body, slot) != type) {
            Words.setIntRelease(body, slot, type);
        }
    }

    private static long word(Object value) {
        if (value instanceof Double) {
            return Double.doubleToRawLongBits((Double) value);
        }
        if (value instanceof Boolean) {
            return (Boolean) value ? 1 : 0;
        }
        return ((Number) value).longValue();
    }

    private static byte[] encoded(Object value) {
        return value instanceof String ? ((String) value).getBytes(StandardCharsets.UTF_8) : (byte[]) value;
    }

    private static int capacityFor(Object value, int index) {
        int type = typeOf(value, index);
        if (type != STRING && type != BYTES) {
            return ALIGNMENT;
        }
        return ALIGNMENT * (encoded(value).length / ALIGNMENT + 1);
    }

    /** The type code of a value. */
    static int typeOf(Object value, int index) {
        if (value == null) {
            return NULL;
        } else if (value instanceof Integer) {
            return INT;
        } else if (value instanceof Long) {
            return LONG;
        } else if (value instanceof Double) {
            return DOUBLE;
        } else if (value instanceof Boolean) {
            return BOOLEAN;
        } else if (value instanceof String) {
            return STRING;
        } else if (value instanceof byte[]) {
            return BYTES;
        }
        throw new IllegalArgumentException("a ShareableList holds Integer, Long, Double, Boolean, String, byte[] or"
                + " null: index=" + index + ", type=" + value.getClass().getName());
    }

    /** Element equality, by content for byte arrays. */
    static boolean same(Object a, Object b) {
        if (a instanceof byte[] && b instanceof byte[]) {
            return Arrays.equals((byte[]) a, (byte[]) b);
        }
        return a == null ? b == null : a.equals(b);
    }
}
