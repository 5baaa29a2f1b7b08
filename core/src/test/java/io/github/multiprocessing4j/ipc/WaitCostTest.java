package io.github.multiprocessing4j.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.multiprocessing4j.Process;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A thread blocked for long on a queue or a pipe costs little CPU, also after quick round trips taught its waits
 * to spin longer (the spin is bounded, then it parks).
 */
class WaitCostTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** 10% of a core over a wait of one second. */
    private static final long MAX_CPU_NANOS = 100_000_000;
    private static final int ROUND_TRIPS = 3_000;

    static void echo(Queue<Object> in, Queue<Object> out, Integer count) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            out.put(in.get());
        }
    }

    static void echoThenAnswerLate(Connection conn, Integer count) throws Exception {
        for (int i = 0; i < count; i++) {
            conn.send(conn.recv());
        }
        conn.recv(); // the parent is about to wait: answer after a second
        Thread.sleep(1_000);
        conn.send("late");
    }

    @Test
    void shouldUseLittleCpuWhileBlockedOneSecondOnAnEmptyQueueAfterQuickRoundTrips() throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (Queue<Object> in = new Queue<>(); Queue<Object> out = new Queue<>()) {
            Process echo = new Process(WaitCostTest::echo, in, out, ROUND_TRIPS);
            echo.start();
            for (int i = 0; i < ROUND_TRIPS; i++) {
                in.put(i);
                assertThat(out.get(WAIT)).isEqualTo(i);
            }
            echo.join(WAIT);
            assertThat(echo.exitCode()).hasValue(0);
            long cpu0 = threads.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            assertThatThrownBy(() -> out.get(Duration.ofSeconds(1))).isInstanceOf(QueueEmptyException.class);
            long cpu = threads.getCurrentThreadCpuTime() - cpu0;
            assertThat(System.nanoTime() - wall0).isGreaterThanOrEqualTo(1_000_000_000L);
            assertThat(cpu).as("CPU time of a thread blocked 1 s on an empty queue, ns").isLessThan(MAX_CPU_NANOS);
        }
    }

    @Test
    void shouldUseLittleCpuWhileBlockedOneSecondInRecvAfterQuickRoundTrips() throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (Pipe pipe = Pipe.open()) {
            Process echo = new Process(WaitCostTest::echoThenAnswerLate, pipe.conn2(), ROUND_TRIPS);
            echo.start();
            Connection conn = pipe.conn1();
            for (int i = 0; i < ROUND_TRIPS; i++) {
                conn.send(i);
                assertThat(conn.recv()).isEqualTo(i);
            }
            conn.send("answer late");
            long cpu0 = threads.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            assertThat(conn.recv()).isEqualTo("late");
            long cpu = threads.getCurrentThreadCpuTime() - cpu0;
            assertThat(System.nanoTime() - wall0).isGreaterThanOrEqualTo(900_000_000L);
            assertThat(cpu).as("CPU time of a thread blocked 1 s in recv, ns").isLessThan(MAX_CPU_NANOS);
            echo.join(WAIT);
            assertThat(echo.exitCode()).hasValue(0);
        }
    }
}
