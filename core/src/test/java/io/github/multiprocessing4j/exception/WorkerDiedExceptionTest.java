package io.github.multiprocessing4j.exception;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The message says what the exit code tells, and does not guess beyond it. */
class WorkerDiedExceptionTest {
    @Test
    void shouldNameWhatTheExitCodeTells() {
        assertThat(new WorkerDiedException("PoolWorker-1", 42, 3)).hasMessage("worker died while running the task:"
                + " worker=PoolWorker-1, pid=42, exitcode=3 (System.exit(3), halt(3) or an OutOfMemoryError)");
        assertThat(new WorkerDiedException("w", 1, -9).getMessage()).contains("exitcode=-9 (SIGKILL");
        assertThat(new WorkerDiedException("w", 1, -11).getMessage()).contains("the JVM crashed");
        assertThat(new WorkerDiedException("w", 1, 7).getMessage()).endsWith("exitcode=7 (System.exit(7) or halt(7))");
        assertThat(new WorkerDiedException("w", 1, -9).signal()).hasValue(9);
        assertThat(new WorkerDiedException("w", 1, 3).signal()).isEmpty();
    }
}
