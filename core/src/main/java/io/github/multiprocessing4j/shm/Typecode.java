package io.github.multiprocessing4j.shm;

import io.github.multiprocessing4j.internal.shm.ValueLayout;
import java.math.BigInteger;

/**
 * Python's typecodes for {@link Value} and {@link Array} (the {@code array} module's letters, as
 * {@code multiprocessing.sharedctypes} maps them to ctypes), with the C type's range on Linux x86-64 and the
 * {@link ValueLayout} slot that stores it: the 8-, 16- and 32-bit signed types and {@code 'c'} in an int slot,
 * {@code 'I'} and the 64-bit types in a long slot, {@code 'f'} and {@code 'd'} in a double slot.
 */
enum Typecode {
    CHAR('c', "char", ValueLayout.INT, 8, true),
    BYTE('b', "signed char", ValueLayout.INT, 8, false),
    UBYTE('B', "unsigned char", ValueLayout.INT, 8, true),
    SHORT('h', "short", ValueLayout.INT, 16, false),
    USHORT('H', "unsigned short", ValueLayout.INT, 16, true),
    INT('i', "int", ValueLayout.INT, 32, false),
    UINT('I', "unsigned int", ValueLayout.LONG, 32, true),
    LONG('l', "long", ValueLayout.LONG, 64, false),
    ULONG('L', "unsigned long", ValueLayout.LONG, 64, true),
    LONGLONG('q', "long long", ValueLayout.LONG, 64, false),
    ULONGLONG('Q', "unsigned long long", ValueLayout.LONG, 64, true),
    FLOAT('f', "float", ValueLayout.DOUBLE, 32, false),
    DOUBLE('d', "double", ValueLayout.DOUBLE, 64, false),
    BOOL('?', "bool", ValueLayout.BOOLEAN, 8, true);

    private static final String KNOWN = "c b B h H i I l L q Q f d ?";
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    final char code;
    final String cType;
    final int slot;
    final int bits;
    final boolean unsigned;

    Typecode(char code, String cType, int slot, int bits, boolean unsigned) {
        this.code = code;
        this.cType = cType;
        this.slot = slot;
        this.bits = bits;
        this.unsigned = unsigned;
    }

    /** The typecode of letter {@code code}, or a clear exception. */
    static Typecode of(char code) {
        for (Typecode t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown typecode: typecode='" + code + "', known=" + KNOWN);
    }

    /** The typecode stored in a segment's header; 0 (a segment written before typecodes) means the slot's default. */
    static Typecode stored(int code, int slot) {
        if (code != 0) {
            return of((char) code);
        }
        return slot == ValueLayout.INT ? INT : slot == ValueLayout.LONG ? LONGLONG
                : slot == ValueLayout.DOUBLE ? DOUBLE : BOOL;
    }

    private boolean unsigned64() {
        return unsigned && bits == 64;
    }

    long min() {
        return unsigned ? 0 : bits == 64 ? Long.MIN_VALUE : -(1L << (bits - 1));
    }

    long max() {
        return unsigned64() ? -1L : bits == 64 ? Long.MAX_VALUE : unsigned ? (1L << bits) - 1 : (1L << (bits - 1)) - 1;
    }

    /** {@code value} if in range; for {@code 'L'}/{@code 'Q'} every long is in range (its bits, unsigned). */
    long check(long value) {
        if (bits < 64 && (value < min() || value > max())) {
            throw outOfRange(String.valueOf(value));
        }
        return value;
    }

    /** {@code value} truncated to the type's width, as C (and ctypes) do. */
    long wrap(long value) {
        if (bits == 64) {
            return value;
        }
        int shift = 64 - bits;
        return unsigned ? (value << shift) >>> shift : (value << shift) >> shift;
    }

    /** A float value rounded to the C type ({@code 'f'}: to the nearest float, overflow to infinity). */
    double round(double value) {
        return bits == 32 ? (double) (float) value : value;
    }

    private IllegalArgumentException outOfRange(String value) {
        String max = unsigned64() ? TWO_64.subtract(BigInteger.ONE).toString() : String.valueOf(max());
        return new IllegalArgumentException("value out of range for typecode '" + code + "' (" + cType
                + "): value=" + value + ", min=" + min() + ", max=" + max);
    }

    /**
     * The slot content for a Java object given as a value: a {@code Number} holding an integer (a {@code Byte} is
     * read as an unsigned byte, as Python's {@code bytes}, except for {@code 'b'}), for {@code 'c'} also a
     * {@code Character} or a {@code byte[]} of length 1, for {@code '?'} a {@code Boolean}; range-checked.
     */
    long fromObject(Object value) {
        if (slot == ValueLayout.DOUBLE) {
            return Double.doubleToRawLongBits(round(toDouble(value)));
        }
        if (slot == ValueLayout.BOOLEAN) {
            return toBoolean(value) ? 1 : 0;
        }
        if (value instanceof Byte) {
            byte b = (Byte) value;
            return check(this == BYTE ? b : b & 0xff);
        }
        if (this == CHAR && value instanceof Character) {
            return check((Character) value);
        }
        if (this == CHAR && value instanceof byte[] && ((byte[]) value).length == 1) {
            return ((byte[]) value)[0] & 0xff;
        }
        if (value instanceof BigInteger) {
            BigInteger big = (BigInteger) value;
            if (big.compareTo(BigInteger.valueOf(min())) < 0
                    || big.compareTo(unsigned64() ? TWO_64.subtract(BigInteger.ONE) : BigInteger.valueOf(max())) > 0) {
                throw outOfRange(big.toString());
            }
            return big.longValue();
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            long v = ((Number) value).longValue();
            if (unsigned64() && v < 0) {
                throw outOfRange(String.valueOf(v));
            }
            return check(v);
        }
        throw wrongType(value, this == CHAR ? "an integer 0..255, a Character or a byte[] of length 1" : "an integer");
    }

    double toDouble(Object value) {
        if (value instanceof Number) {
            return ((Number) value).doubleValue();
        }
        throw wrongType(value, "a number");
    }

    boolean toBoolean(Object value) {
        if (value instanceof Boolean) {
            return (Boolean) value;
        }
        if (value instanceof Number) {
            return ((Number) value).doubleValue() != 0; // as Python's bool(x)
        }
        throw wrongType(value, "a Boolean or a number");
    }

    private IllegalArgumentException wrongType(Object value, String expected) {
        String type = value == null ? "null" : value.getClass().getSimpleName();
        return new IllegalArgumentException("wrong type for typecode '" + code + "' (" + cType + "): type=" + type
                + ", expected " + expected);
    }

    /** The Java object for a slot's content, as Python's {@code .value} gives it. */
    Object box(long raw) {
        switch (slot) {
            case ValueLayout.DOUBLE:
                return Double.longBitsToDouble(raw);
            case ValueLayout.BOOLEAN:
                return raw != 0;
            case ValueLayout.INT:
                return this == CHAR ? (Object) new byte[] {(byte) raw} : (Object) (int) raw;
            default:
                return unsigned64() ? new BigInteger(Long.toUnsignedString(raw)) : (Object) raw;
        }
    }

    /** A clear exception when a typed factory is given a typecode of another Java type. */
    static Typecode ofSlot(char code, int slot, String factory) {
        Typecode t = of(code);
        if (t.slot != slot) {
            throw new IllegalArgumentException("typecode '" + code + "' (" + t.cType + ") is not stored by " + factory
                    + ": use Value.of/Array.of, which pick the type for the typecode");
        }
        return t;
    }
}
