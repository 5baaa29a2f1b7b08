package io.github.multiprocessing4j.shm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.multiprocessing4j.Process;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ValueAndArrayTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    static void fill(IntArray ints, DoubleValue d, BooleanValue flag, LongValue big) {
        for (int i = 0; i < ints.length(); i++) {
            ints.set(i, i * i);
        }
        d.addAndGet(0.5);
        flag.set(true);
        big.set(Long.MAX_VALUE);
    }

    @SuppressWarnings("try") // the held lock is released by the try, not used in it
    static void doubleAll(DoubleArray values) throws InterruptedException {
        try (var held = values.getLock().hold()) {
            for (int i = 0; i < values.length(); i++) {
                values.set(i, values.get(i) * 2);
            }
        }
    }

    @Test
    void shouldSeeTheChildsWritesInTheSameMemory() throws Exception {
        try (IntArray ints = Array.ofInt(10); DoubleValue d = Value.ofDouble(1.25);
                BooleanValue flag = Value.ofBoolean(false); LongValue big = Value.ofLong(0)) {
            Process child = new Process(ValueAndArrayTest::fill, ints, d, flag, big);
            child.start();
            assertThat(child.join(WAIT)).isTrue();
            assertThat(child.exitCode()).hasValue(0);
            assertThat(ints.toArray()).containsExactly(0, 1, 4, 9, 16, 25, 36, 49, 64, 81);
            assertThat(d.get()).isEqualTo(1.75);
            assertThat(flag.get()).isTrue();
            assertThat(big.get()).isEqualTo(Long.MAX_VALUE);
        }
    }

    @Test
    void shouldUpdateAnArrayUnderItsLockInAChild() throws Exception {
        try (DoubleArray values = Array.copyOf(new double[] {1, 2, 3})) {
            Process child = new Process(ValueAndArrayTest::doubleAll, values);
            child.start();
            assertThat(child.join(WAIT)).isTrue();
            assertThat(values.toArray()).containsExactly(2, 4, 6);
        }
    }

    @Test
    void shouldRejectAnIndexOutOfRange() {
        try (IntArray ints = Array.copyOf(new int[] {1, 2, 3}); LongArray longs = Array.ofLong(0)) {
            assertThatThrownBy(() -> ints.get(3)).isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessage("index out of range: index=3, length=3, name=" + ints.name());
            assertThatThrownBy(() -> ints.set(-1, 0)).isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessageStartingWith("index out of range: index=-1, length=3");
            assertThatThrownBy(() -> longs.get(0)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThat(ints.addAndGet(2, 10)).isEqualTo(13);
            assertThat(ints.compareAndSet(0, 1, 5)).isTrue();
            assertThat(ints.get(0)).isEqualTo(5);
        }
        assertThatThrownBy(() -> Array.ofInt(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("negative array length: length=-1");
    }

    @Test
    void shouldRefuseUseAfterClose() {
        IntValue v = Value.ofInt(3);
        v.close();
        assertThatThrownBy(v::get).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("value is closed: name=mp4j-");
    }
}
