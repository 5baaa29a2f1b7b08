package io.github.multiprocessing4j.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.multiprocessing4j.LeakCheck;
import io.github.multiprocessing4j.exception.ChildProcessException;
import io.github.multiprocessing4j.exception.SerializationFailedException;
import io.github.multiprocessing4j.function.SerializableCallable;
import io.github.multiprocessing4j.function.SerializableFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A result the worker cannot serialize. Python: the worker sends {@code MaybeEncodingError("Error sending result:
 * '<repr>'. Reason: '<why>'")} in place of the result; {@code get()} raises it; the worker and the other tasks
 * are unaffected.
 */
@ExtendWith(LeakCheck.class)
class PoolUnsendableResultTest {
    /** A result that cannot cross back. */
    static final class Unsendable {
        @Override
        public String toString() {
            return "Unsendable#1";
        }
    }

    private static final SerializableFunction<Integer, Object> BAD_AT_TWO = x -> x == 2 ? new Unsendable() : x;

    @Test
    @DisplayName("Pool.apply: an unsendable result raises SerializationFailedException naming it and the reason,"
            + " not the task's own exception (Python: MaybeEncodingError); the worker goes on")
    void applyFailsWithSerializationFailedException() throws Exception {
        try (Pool pool = new Pool(1)) {
            long pid = pool.apply(() -> ProcessHandle.current().pid());
            SerializableCallable<Object> bad = Unsendable::new;
            assertThatThrownBy(() -> pool.apply(bad)).isExactlyInstanceOf(SerializationFailedException.class)
                    .isNotInstanceOf(ChildProcessException.class)
                    .hasMessageContaining("cannot send the task's result back from the worker")
                    .hasMessageContaining(Unsendable.class.getName())
                    .hasMessageContaining("Unsendable#1")
                    .hasMessageContaining("reason=")
                    .hasMessageContaining("pid=" + pid);
            assertThat(pool.apply(() -> ProcessHandle.current().pid())).isEqualTo(pid);
        }
    }

    @Test
    @DisplayName("Pool.map and imap: one unsendable element fails alone; map raises it (Python: map raises"
            + " MaybeEncodingError), imap yields the others (Python: imap raises at that position only)")
    void mapFailsOnlyTheBadElement() throws Exception {
        try (Pool pool = new Pool(2)) {
            List<Integer> inputs = List.of(0, 1, 2, 3, 4);
            assertThatThrownBy(() -> pool.map(BAD_AT_TWO, inputs, 1))
                    .isExactlyInstanceOf(SerializationFailedException.class)
                    .hasMessageContaining("Unsendable#1");
            List<Object> seen = new ArrayList<>();
            try (IMapIterator<Object> it = pool.imap(BAD_AT_TWO, inputs, 1)) {
                while (it.hasNext()) {
                    try {
                        seen.add(it.next());
                    } catch (SerializationFailedException e) {
                        seen.add("failed");
                    }
                }
            }
            assertThat(seen).containsExactly(0, 1, "failed", 3, 4);
            assertThat(pool.map(x -> x * 10, inputs)).containsExactly(0, 10, 20, 30, 40);
        }
    }

    @Test
    @DisplayName("ProcessPoolExecutor.submit: the future fails with SerializationFailedException (Python: the"
            + " future's exception is the pickling error); other futures succeed on the same worker")
    void executorSubmitFailsOnlyThatFuture() throws Exception {
        try (ProcessPoolExecutor executor = new ProcessPoolExecutor(1)) {
            CompletableFuture<Object> bad = executor.submit((SerializableCallable<Object>) Unsendable::new);
            CompletableFuture<Integer> good = executor.submit(() -> 7);
            assertThatThrownBy(() -> bad.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isExactlyInstanceOf(SerializationFailedException.class)
                    .hasMessageContaining(Unsendable.class.getName());
            assertThat(good.get(60, TimeUnit.SECONDS)).isEqualTo(7);
            assertThat(executor.workerPids()).hasSize(1);
        }
    }
}
