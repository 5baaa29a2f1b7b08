package io.github.multiprocessing4j.shm;

import io.github.multiprocessing4j.internal.shm.Attachment;
import io.github.multiprocessing4j.internal.shm.ValueLayout;
import io.github.multiprocessing4j.internal.shm.Words;
import io.github.multiprocessing4j.sync.Lockable;

/**
 * A shared array of typecode {@code 'c'}: bytes (Python: {@code multiprocessing.Array('c', n)}, a ctypes
 * {@code c_char} array), made by {@link Array#of}. Besides elements and slices it has Python's {@code .value} (the
 * bytes up to the first zero byte; writing adds a terminating zero when there is room) and {@code .raw} (all the
 * bytes). Not built: {@code str}-like decoding (use {@code new String(a.getValue(), charset)}).
 *
 * <p>Thread-safety, blocking, what crosses the process boundary and lifetime: as for every {@link Array}; a
 * {@code getValue()}, {@code setValue} or {@code raw} copy of several bytes is atomic only under {@link #getLock()}.
 */
public final class CharArray extends Array {
    private static final long serialVersionUID = 1L;

    CharArray(Typecode typecode, int length, int lockMode, Lockable given) {
        super(typecode, length, lockMode, given);
    }

    CharArray(Attachment attachment, int lockMode, Lockable given) {
        super(attachment, ValueLayout.INT, lockMode, given);
    }

    /**
     * Reads a byte (Python: {@code a[index]}, which gives bytes of length 1).
     *
     * @param index the index
     * @return the byte
     * @throws IndexOutOfBoundsException when the index is out of range
     * @throws IllegalStateException after close
     */
    public byte get(int index) {
        return (byte) intAt(index);
    }

    /**
     * Writes a byte (Python: {@code a[index] = b'x'}).
     *
     * @param index the index
     * @param value the byte
     * @throws IndexOutOfBoundsException when the index is out of range
     * @throws IllegalStateException after close
     */
    public void set(int index, byte value) {
        Words.setIntVolatile(body, at(index), value & 0xff);
    }

    /**
     * Copies bytes {@code [from, to)} (Python: {@code a[from:to]}).
     *
     * @param from the first index
     * @param to the index after the last
     * @return the bytes
     * @throws IndexOutOfBoundsException when the range is not within {@code [0, length]}
     */
    public byte[] get(int from, int to) {
        checkSlice(from, to);
        byte[] out = new byte[to - from];
        for (int i = from; i < to; i++) {
            out[i - from] = get(i);
        }
        return out;
    }

    /**
     * Writes {@code values} from index {@code from} on (Python: {@code a[from:from + len(values)] = values}).
     *
     * @param from the first index
     * @param values the bytes
     * @throws IndexOutOfBoundsException when they do not fit
     */
    public void set(int from, byte[] values) {
        checkSlice(from, from + values.length);
        for (int i = 0; i < values.length; i++) {
            set(from + i, values[i]);
        }
    }

    /**
     * All the bytes (Python: {@code a.raw}).
     *
     * @return a copy of the array's bytes
     */
    public byte[] getRaw() {
        return get(0, length);
    }

    /**
     * Writes {@code bytes} from index 0 on, leaving the rest as it is (Python: {@code a.raw = bytes}).
     *
     * @param bytes the bytes
     * @throws IllegalArgumentException when longer than the array ("byte string too long", as Python's
     *     ValueError)
     */
    public void setRaw(byte[] bytes) {
        checkFits(bytes);
        set(0, bytes);
    }

    /**
     * The bytes up to the first zero byte, or all of them (Python: {@code a.value}).
     *
     * @return a copy of those bytes
     */
    public byte[] getValue() {
        int end = 0;
        while (end < length && get(end) != 0) {
            end++;
        }
        return get(0, end);
    }

    /**
     * Writes {@code bytes} from index 0 on and a zero byte after them when there is room (Python:
     * {@code a.value = bytes}).
     *
     * @param bytes the bytes
     * @throws IllegalArgumentException when longer than the array ("byte string too long", as Python's
     *     ValueError)
     */
    public void setValue(byte[] bytes) {
        checkFits(bytes);
        set(0, bytes);
        if (bytes.length < length) {
            set(bytes.length, (byte) 0);
        }
    }

    private void checkFits(byte[] bytes) {
        if (bytes.length > length) {
            throw new IllegalArgumentException("byte string too long: length=" + bytes.length + ", capacity="
                    + length + ", name=" + name());
        }
    }

    @Override
    public CharArray getObj() {
        return (CharArray) rawObj();
    }

    @Override
    public String toString() {
        return "<CharArray " + name() + " length=" + length + ">";
    }
}
