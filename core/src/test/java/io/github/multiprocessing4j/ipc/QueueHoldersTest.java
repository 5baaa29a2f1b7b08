package io.github.multiprocessing4j.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.exception.PeerGoneException;
import io.github.multiprocessing4j.pool.AsyncResult;
import io.github.multiprocessing4j.pool.Pool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * However many processes ever held a queue, or received it at once, a waiter is told when nobody else is left
 * (more than the 32 holders that version 2 of the holder table had slots for).
 */
class QueueHoldersTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** How soon a waiter must be told once the last other holder is gone. */
    private static final Duration TOLD_WITHIN = Duration.ofSeconds(5);

    static void putIndex(Queue<Integer> q, Integer i) throws InterruptedException {
        q.put(i);
    }

    static Long putFromWorker(Queue<Long> q) throws InterruptedException {
        q.put(ProcessHandle.current().pid());
        return ProcessHandle.current().pid();
    }

    /** The holder table says every other process is gone (what pipes and file removal rely on). */
    private static void assertToldNobodyIsLeft(Queue<?> q) {
        org.awaitility.Awaitility.await().atMost(TOLD_WITHIN).until(q.attachment::othersGone);
    }

    @Test
    @Timeout(180) // 40 JVMs start at once: tens of seconds on a busy 2-core machine
    void shouldTellAWaiterNobodyIsLeftAfterFortyHoldersHaveGone() throws Exception {
        try (Queue<Integer> q = new Queue<>(4096)) {
            List<Process> children = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                // small, quickly started JVMs: they only put one item
                Process child = new Process(QueueHoldersTest::putIndex, q, i)
                        .jvmOptions("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx32m");
                child.start(); // all 40 on their way or holding at once
                children.add(child);
            }
            Set<Integer> got = new HashSet<>();
            for (int i = 0; i < 40; i++) {
                got.add(q.get(WAIT));
            }
            assertThat(got).hasSize(40);
            for (Process child : children) {
                assertThat(child.join(WAIT)).isTrue();
                assertThat(child.exitCode()).hasValue(0);
            }
            assertToldNobodyIsLeft(q);
        }
    }

    @Test
    void shouldTellAWaiterNobodyIsLeftAfterAHundredPoolTasksReceivedTheQueue() throws Exception {
        try (Queue<Long> q = new Queue<>(4096)) {
            Pool pool = new Pool(2);
            try {
                List<AsyncResult<Long>> results = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    results.add(pool.applyAsync(QueueHoldersTest::putFromWorker, q)); // 100 handles on their way
                }
                for (AsyncResult<Long> r : results) {
                    assertThat(r.get(WAIT)).isPositive();
                    assertThat(q.get(WAIT)).isPositive();
                }
                // the workers still hold the queue: a wait times out, it is not told that everyone is gone
                assertThatThrownBy(() -> q.get(Duration.ofMillis(300))).isInstanceOf(QueueEmptyException.class);
            } finally {
                pool.close();
                pool.join();
            }
            assertToldNobodyIsLeft(q);
        }
    }
}
