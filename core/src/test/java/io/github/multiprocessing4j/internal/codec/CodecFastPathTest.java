package io.github.multiprocessing4j.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodecFastPathTest {
    private static Object roundTrip(Object value) throws Exception {
        return Codec.decode(Codec.encode(value, "a test value").bytes(), new AllowList());
    }

    @Test
    void shouldRoundTripEveryFastPathType() throws Exception {
        for (Object v : Arrays.asList(null, 0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, Long.MIN_VALUE, 42L,
                -0.0, Double.NaN, 1.5e300, true, false, "", "héllo 做饭", List.of(1, "x"))) {
            assertThat(roundTrip(v)).isEqualTo(v);
        }
        assertThat((byte[]) roundTrip(new byte[] {1, 2, 3})).containsExactly(1, 2, 3);
        assertThat((byte[]) roundTrip(new byte[0])).isEmpty();
        assertThat((int[]) roundTrip(new int[] {1, -2, Integer.MAX_VALUE})).containsExactly(1, -2, Integer.MAX_VALUE);
        assertThat((long[]) roundTrip(new long[] {Long.MIN_VALUE, 7})).containsExactly(Long.MIN_VALUE, 7);
        assertThat((double[]) roundTrip(new double[] {0.5, -1e-300})).containsExactly(0.5, -1e-300);
        assertThat((long[]) roundTrip(new long[0])).isEmpty();
    }

    @Test
    void shouldKeepTheDataOutputLayout() {
        assertThat(Codec.encode(0x01020304, "x").bytes()).containsExactly(2, 1, 2, 3, 4);
        assertThat(Codec.encode("ab", "x").bytes()).containsExactly(4, 0, 0, 0, 2, 'a', 'b');
    }

    @Test
    void shouldRejectDamagedFastPathMessages() {
        assertThatThrownBy(() -> Codec.decode(new byte[] {2, 0, 0}, new AllowList()))
                .isInstanceOf(IOException.class).hasMessageStartingWith("damaged message: truncated");
        assertThatThrownBy(() -> Codec.decode(new byte[] {5, 0, 0, 0, 9, 1}, new AllowList()))
                .isInstanceOf(io.github.multiprocessing4j.exception.DecodeLimitException.class)
                .hasMessage("message claims more than it holds: length=9, bytesLeft=1");
        assertThatThrownBy(() -> Codec.decode(new byte[] {5, 0, 0, 0, 1, 1, 2}, new AllowList()))
                .isInstanceOf(IOException.class).hasMessageStartingWith("damaged message: bad length");
        assertThatThrownBy(() -> Codec.decode(new byte[0], new AllowList()))
                .isInstanceOf(IOException.class).hasMessage("damaged message: empty");
        assertThatThrownBy(() -> Codec.decode(new byte[] {99}, new AllowList()))
                .isInstanceOf(IOException.class).hasMessage("damaged message: unknown codec tag 99");
    }
}
