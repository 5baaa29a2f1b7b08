package io.github.multiprocessing4j.shm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.multiprocessing4j.Process;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Python's typecodes: ranges, round trips of the extremes through a child, wrapping and rejection. */
class TypecodesTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    /** Each typecode with its minimum and maximum, as {@link Value#getValue()} gives them. */
    private static final Object[][] RANGES = {
        {'c', new byte[] {0}, new byte[] {(byte) 255}},
        {'b', -128, 127},
        {'B', 0, 255},
        {'h', -32768, 32767},
        {'H', 0, 65535},
        {'i', Integer.MIN_VALUE, Integer.MAX_VALUE},
        {'I', 0L, 4294967295L},
        {'l', Long.MIN_VALUE, Long.MAX_VALUE},
        {'L', BigInteger.ZERO, U64_MAX},
        {'q', Long.MIN_VALUE, Long.MAX_VALUE},
        {'Q', BigInteger.ZERO, U64_MAX},
        {'f', (double) -Float.MAX_VALUE, (double) Float.MAX_VALUE},
        {'d', -Double.MAX_VALUE, Double.MAX_VALUE},
    };

    /** In the child: swaps each pair of values, and reverses each array, reading and writing the extremes. */
    static void swapAll(ArrayList<Value> values, ArrayList<Array> arrays) {
        for (int i = 0; i < values.size(); i += 2) {
            Object lo = values.get(i).getValue();
            values.get(i).setValue(values.get(i + 1).getValue());
            values.get(i + 1).setValue(lo);
        }
        for (Array a : arrays) {
            Object first = item(a, 0);
            put(a, 0, item(a, 1));
            put(a, 1, first);
        }
    }

    static Object item(Array a, int i) {
        if (a instanceof CharArray) {
            return new byte[] {((CharArray) a).get(i)};
        }
        if (a instanceof IntArray) {
            return ((IntArray) a).get(i);
        }
        if (a instanceof DoubleArray) {
            return ((DoubleArray) a).get(i);
        }
        long v = ((LongArray) a).get(i);
        boolean unsigned64 = a.typecode() == 'L' || a.typecode() == 'Q';
        return unsigned64 ? new BigInteger(Long.toUnsignedString(v)) : (Object) v;
    }

    static void put(Array a, int i, Object v) {
        if (a instanceof CharArray) {
            ((CharArray) a).set(i, ((byte[]) v)[0]);
        } else if (a instanceof IntArray) {
            ((IntArray) a).set(i, (Integer) v);
        } else if (a instanceof DoubleArray) {
            ((DoubleArray) a).set(i, (Double) v);
        } else {
            ((LongArray) a).set(i, ((Number) v).longValue());
        }
    }

    @Test
    void shouldRoundTripEachTypecodesMinAndMaxThroughAChild() throws Exception {
        ArrayList<Value> values = new ArrayList<>();
        ArrayList<Array> arrays = new ArrayList<>();
        try {
            for (Object[] r : RANGES) {
                char code = (Character) r[0];
                values.add(Value.of(code, r[1]));
                values.add(Value.of(code, r[2]));
                arrays.add(Array.of(code, List.of(r[1], r[2])));
            }
            values.add(Value.of('?', false));
            values.add(Value.of('?', true));
            for (int i = 0; i < RANGES.length; i++) {
                assertThat(values.get(2 * i).getValue()).as("min of %s", RANGES[i][0]).isEqualTo(RANGES[i][1]);
                assertThat(values.get(2 * i + 1).getValue()).as("max of %s", RANGES[i][0]).isEqualTo(RANGES[i][2]);
            }

            Process child = new Process(TypecodesTest::swapAll, values, arrays);
            child.start();
            assertThat(child.join(WAIT)).isTrue();
            assertThat(child.exitCode()).hasValue(0);

            for (int i = 0; i < RANGES.length; i++) {
                Object[] r = RANGES[i];
                assertThat(values.get(2 * i).getValue()).as("value %s", r[0]).isEqualTo(r[2]);
                assertThat(values.get(2 * i + 1).getValue()).as("value %s", r[0]).isEqualTo(r[1]);
                assertThat(arrays.get(i).typecode()).isEqualTo(r[0]);
                assertThat(item(arrays.get(i), 0)).as("array %s", r[0]).isEqualTo(r[2]);
                assertThat(item(arrays.get(i), 1)).as("array %s", r[0]).isEqualTo(r[1]);
            }
            assertThat(values.get(values.size() - 2).getValue()).isEqualTo(true);
            assertThat(values.get(values.size() - 1).getValue()).isEqualTo(false);
        } finally {
            values.forEach(Value::close);
            arrays.forEach(Array::close);
        }
    }

    @Test
    void shouldPickTheJavaClassForTheTypecode() {
        try (IntValue b = Value.of('B', 200); LongValue u = Value.of('I', 4_000_000_000L);
                DoubleValue f = Value.of('f', 0.1); BooleanValue flag = Value.of('?');
                IntValue c = Value.of('c', 'x'); LongValue q = Value.of('q')) {
            assertThat(b.get()).isEqualTo(200);
            assertThat(u.get()).isEqualTo(4_000_000_000L);
            assertThat(f.get()).isEqualTo((double) 0.1f);
            assertThat(flag.get()).isFalse();
            assertThat(c.get()).isEqualTo('x');
            assertThat(c.getValue()).isEqualTo(new byte[] {'x'});
            assertThat(q.get()).isZero();
            assertThat(Value.<Value>of('d', 1.5)).isInstanceOf(DoubleValue.class).satisfies(Value::close);
        }
    }

    @Test
    void shouldWrapArithmeticToTheTypesWidthAsCDoes() {
        try (IntValue ub = Value.of('B', 255); IntValue sb = Value.of('b', 127); IntValue us = Value.of('H', 0);
                LongValue ui = Value.of('I', 4294967295L); LongValue uq = Value.of('Q', U64_MAX);
                IntArray bytes = Array.of('B', 2)) {
            assertThat(ub.addAndGet(1)).isZero();
            assertThat(ub.addAndGet(-1)).isEqualTo(255);
            assertThat(sb.addAndGet(1)).isEqualTo(-128);
            assertThat(us.addAndGet(-1)).isEqualTo(65535);
            assertThat(ui.addAndGet(1)).isZero();
            assertThat(ui.addAndGet(-1)).isEqualTo(4294967295L);
            assertThat(uq.get()).isEqualTo(-1L); // the 64 bits, Java's unsigned convention
            assertThat(uq.addAndGet(1)).isZero();
            assertThat(uq.getValue()).isEqualTo(BigInteger.ZERO);
            uq.set(-2L);
            assertThat(uq.getValue()).isEqualTo(U64_MAX.subtract(BigInteger.ONE));
            assertThat(bytes.addAndGet(1, -1)).isEqualTo(255);
            assertThat(bytes.get(1)).isEqualTo(255);
        }
        try (DoubleValue f = Value.of('f', 0.0)) {
            f.set(1e40);
            assertThat(f.get()).isEqualTo(Double.POSITIVE_INFINITY); // as ctypes' c_float(1e40)
        }
    }

    @Test
    void shouldRejectAValueOutOfTheTypecodesRange() {
        assertThatThrownBy(() -> Value.of('B', 256)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("value out of range for typecode 'B' (unsigned char): value=256, min=0, max=255");
        assertThatThrownBy(() -> Value.of('Q', -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("value out of range for typecode 'Q' (unsigned long long): value=-1, min=0,"
                        + " max=18446744073709551615");
        assertThatThrownBy(() -> Value.of('L', U64_MAX.add(BigInteger.ONE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("value=18446744073709551616");
        assertThatThrownBy(() -> Value.of('h', 40_000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("value out of range for typecode 'h' (short): value=40000, min=-32768, max=32767");
        assertThatThrownBy(() -> Value.of('I', -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("value out of range for typecode 'I' (unsigned int)");
        assertThatThrownBy(() -> Value.of('i', 1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("wrong type for typecode 'i' (int): type=Double, expected an integer");
        assertThatThrownBy(() -> Value.of('x', 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown typecode: typecode='x', known=c b B h H i I l L q Q f d ?");
        assertThatThrownBy(() -> Array.of('?', 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("arrays of typecode '?' are not built");
        assertThatThrownBy(() -> Array.of('b', List.of(1, 200))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("value out of range for typecode 'b' (signed char): value=200");
        try (IntValue ub = Value.of('B', 0); IntArray shorts = Array.of('h', 2)) {
            assertThatThrownBy(() -> ub.set(-1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("value out of range for typecode 'B'");
            assertThatThrownBy(() -> ub.setValue(256)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> ub.compareAndSet(0, 300)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> shorts.set(0, 1 << 15)).isInstanceOf(IllegalArgumentException.class);
            assertThat(ub.get()).isZero();
            assertThat(shorts.get(0)).isZero();
        }
    }
}
