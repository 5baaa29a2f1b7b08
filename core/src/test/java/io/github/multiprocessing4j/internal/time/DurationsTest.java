package io.github.multiprocessing4j.internal.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void shouldSaturateInsteadOfOverflowing() {
        assertThat(Durations.toNanosSaturated(Duration.ofSeconds(Long.MAX_VALUE))).isEqualTo(Durations.FOREVER_NANOS);
        assertThat(Durations.toNanosSaturated(Duration.ofSeconds(Long.MIN_VALUE))).isZero();
        assertThat(Durations.toNanosSaturated(Duration.ofNanos(-1))).isZero();
        assertThat(Durations.toNanosSaturated(Duration.ofMillis(1500))).isEqualTo(1_500_000_000L);
        assertThat(Durations.timesSaturated(Durations.FOREVER_NANOS, Integer.MAX_VALUE))
                .isEqualTo(Durations.FOREVER_NANOS);
        assertThat(Durations.timesSaturated(1000, 3)).isEqualTo(3000);
        assertThat(Durations.timesSaturated(1000, 0)).isZero();
        assertThat(Durations.deadline(Duration.ofSeconds(Long.MAX_VALUE)) - System.nanoTime()).isPositive();
    }
}
