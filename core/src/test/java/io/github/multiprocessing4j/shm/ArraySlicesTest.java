package io.github.multiprocessing4j.shm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Array's length, slices and the {@code 'c'} array's {@code value} and {@code raw}, as Python has them. */
class ArraySlicesTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void shouldReadAndWriteSlices() {
        try (IntArray a = Array.of('h', new int[] {1, 2, 3, 4}); LongArray q = Array.of('q', new long[] {5, 6});
                DoubleArray d = Array.of('d', 3)) {
            assertThat(a.length()).isEqualTo(4);
            assertThat(a.get(1, 3)).containsExactly(2, 3);
            a.set(2, new int[] {-7, 8});
            assertThat(a.toArray()).containsExactly(1, 2, -7, 8);
            assertThat(a.get(4, 4)).isEmpty();
            assertThat(q.get(0, 2)).containsExactly(5, 6);
            d.set(1, new double[] {0.5, 1.5});
            assertThat(d.get(0, 3)).containsExactly(0, 0.5, 1.5);
            assertThatThrownBy(() -> a.get(3, 5)).isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessage("slice out of range: from=3, to=5, length=4, name=" + a.name());
            assertThatThrownBy(() -> a.set(3, new int[] {1, 2})).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> a.get(2, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Test
    void shouldGiveACharArraysValueAndRawAsPythonDoes() {
        try (CharArray text = Array.of('c', bytes("hello")); CharArray empty = Array.of('c', 4)) {
            assertThat(text.length()).isEqualTo(5);
            assertThat(text.getValue()).isEqualTo(bytes("hello"));
            text.setValue(bytes("hi"));            // Python: a.value = b'hi' writes b'hi\0'
            assertThat(text.getRaw()).isEqualTo(bytes("hi\0lo"));
            assertThat(text.getValue()).isEqualTo(bytes("hi"));
            text.setRaw(bytes("HEY"));              // a.raw = b'HEY' leaves the rest
            assertThat(text.getRaw()).isEqualTo(bytes("HEYlo"));
            assertThat(text.get(1)).isEqualTo((byte) 'E');
            assertThat(text.get(1, 3)).isEqualTo(bytes("EY"));
            text.set(0, (byte) 0xff);
            assertThat(text.get(0)).isEqualTo((byte) 0xff);
            assertThatThrownBy(() -> text.setValue(bytes("too long"))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("byte string too long: length=8, capacity=5, name=" + text.name());
            assertThatThrownBy(() -> text.setRaw(bytes("sixsix"))).isInstanceOf(IllegalArgumentException.class);
            assertThat(empty.getValue()).isEmpty();
            assertThat(empty.getRaw()).isEqualTo(new byte[4]);
            empty.setValue(bytes("full"));         // exactly full: no terminating zero
            assertThat(empty.getValue()).isEqualTo(bytes("full"));
        }
    }

    @Test
    void shouldRejectAnInitializerThatIsNeitherASizeNorElements() {
        assertThatThrownBy(() -> Array.of('i', "abc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("size_or_initializer must be a length (Integer or Long), a Java array or a Collection:"
                        + " type=java.lang.String");
        assertThatThrownBy(() -> Array.of('i', -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("negative array length: length=-1");
    }
}
