package io.github.multiprocessing4j.pool;

import io.github.multiprocessing4j.exception.PoolBrokenException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.multiprocessing4j.exception.SerializationFailedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each misuse gets a clear exception, and nothing leaks. */
class PoolMisuseTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    static final class Opaque {
        final int value;

        Opaque(int value) {
            this.value = value;
        }
    }

    static Iterable<Integer> failingAfter(int n) {
        return () -> new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                if (i == n) {
                    throw new IllegalStateException("input broke: at=" + n);
                }
                return i++;
            }
        };
    }

    @Test
    void shouldRefuseAPoolOfZeroWorkers() {
        assertThatThrownBy(() -> new Pool(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a pool needs at least one worker: processes=0");
    }

    @Test
    void shouldRefuseABadJvmOptionWhenBuilt() {
        assertThatThrownBy(() -> Pool.builder().processes(1).jvmOptions("-XX:+NoSuchOption").build())
                .isInstanceOf(io.github.multiprocessing4j.exception.ProcessStartException.class)
                .hasMessageContaining("NoSuchOption");
    }

    @Test
    void shouldRefuseSubmitAfterCloseAndJoinBeforeClose() throws Exception {
        Pool pool = new Pool(1);
        assertThatThrownBy(pool::join).isInstanceOf(IllegalStateException.class)
                .hasMessage("join() needs close() or terminate() first: state=running");
        pool.close();
        assertThatThrownBy(() -> pool.applyAsync(() -> 1)).isInstanceOf(IllegalStateException.class)
                .hasMessage("pool is not running: state=closed");
        assertThatThrownBy(() -> pool.imap(x -> x, List.of(1))).isInstanceOf(IllegalStateException.class);
        pool.join();
    }

    @Test
    void shouldNameANullElementBeforeSendingAnything() {
        try (Pool pool = new Pool(1)) {
            assertThatThrownBy(() -> pool.map(x -> x, Arrays.asList(1, null, 3)))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessage("null element in the input of map: index=1");
        }
    }

    @Test
    void shouldPassAFailingIteratorsExceptionToTheCaller() throws Exception {
        try (Pool pool = new Pool(1)) {
            assertThatThrownBy(() -> pool.map(x -> x, failingAfter(3))).isInstanceOf(IllegalStateException.class)
                    .hasMessage("input broke: at=3");
            List<Integer> seen = new ArrayList<>();
            try (IMapIterator<Integer> it = pool.imap(x -> x, failingAfter(3))) {
                assertThatThrownBy(() -> {
                    while (it.hasNext()) {
                        seen.add(it.next(WAIT));
                    }
                }).isInstanceOf(IllegalStateException.class).hasMessage("input broke: at=3");
            }
            assertThat(seen).containsExactly(0, 1, 2);
        }
    }

    @Test
    void shouldNameTheCulpritOfAnUnserializableTask() {
        try (Pool pool = new Pool(1)) {
            Opaque opaque = new Opaque(1);
            assertThatThrownBy(() -> pool.applyAsync(() -> opaque.value))
                    .isInstanceOf(SerializationFailedException.class)
                    .hasMessageContaining("captured value #0")
                    .hasMessageContaining(Opaque.class.getName());
        }
    }

    @Test
    void shouldFailOnlyTheTaskWhoseResultCannotBeSerialized() throws Exception {
        try (Pool pool = new Pool(1)) {
            long pid = pool.apply(() -> ProcessHandle.current().pid());
            AsyncResult<Object> bad = pool.applyAsync(() -> new Opaque(2));
            // Python: MaybeEncodingError, not the task's exception
            assertThatThrownBy(() -> bad.get(WAIT)).isExactlyInstanceOf(SerializationFailedException.class)
                    .hasMessageContaining("cannot serialize the result of the task");
            long again = pool.apply(() -> ProcessHandle.current().pid());
            assertThat(again).isEqualTo(pid);
        }
    }

    @Test
    void shouldBreakThePoolWhenTheInitializerFails() throws Exception {
        Pool pool = Pool.builder().processes(1).initializer(() -> {
            throw new IllegalStateException("no config");
        }).build();
        try {
            AsyncResult<Integer> r = pool.applyAsync(() -> 1);
            assertThatThrownBy(() -> r.get(WAIT)).isInstanceOf(PoolBrokenException.class)
                    .hasMessageStartingWith("the pool's initializer failed: worker=PoolWorker-")
                    .hasMessageContaining("no config");
            assertThatThrownBy(() -> pool.applyAsync(() -> 1)).isInstanceOf(PoolBrokenException.class);
        } finally {
            pool.terminate();
            assertThat(pool.join(WAIT)).isTrue();
        }
    }

    @Test
    void shouldRunTheInitializerInEachWorker() throws Exception {
        try (Pool pool = Pool.builder().processes(1).initializer(PoolMisuseTest::remember, "ready").build()) {
            String seen = pool.apply(() -> System.getProperty("mp4j.test.init"));
            assertThat(seen).isEqualTo("ready");
        }
    }

    static void remember(String value) {
        System.setProperty("mp4j.test.init", value);
    }
}
