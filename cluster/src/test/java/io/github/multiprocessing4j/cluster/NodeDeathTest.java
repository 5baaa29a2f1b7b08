package io.github.multiprocessing4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.pool.AsyncResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** One local cluster of 3 nodes; each test kills one node (SIGKILL) that is running a task. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodeDeathTest {
    private static LocalCluster cluster;

    @BeforeAll
    static void start() {
        Leaks.quietHazelcast();
        cluster = LocalCluster.start(3);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
        Leaks.assertNoneLeft();
    }

    /** Kills the node whose worker marked {@code dir} first; returns its index. */
    private static int killANodeRunning(Path dir) throws Exception {
        await().atMost(Duration.ofSeconds(90)).until(() -> !Tasks.marked(dir).isEmpty());
        long worker = Tasks.marked(dir).get(0);
        long node = Tasks.parentOf(worker).orElseThrow();
        List<Process> nodes = cluster.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).pid() == node) {
                cluster.kill(i);
                await().atMost(Duration.ofSeconds(30)).until(() -> ProcessHandle.of(worker).isEmpty());
                return i;
            }
        }
        throw new AssertionError("no node has pid " + node);
    }

    @Test
    @Order(1)
    void aNodeKilledDuringAMapLosesNoTaskAndTheResultsStayInOrder(@TempDir Path dir) throws Exception {
        String marks = dir.toString();
        List<Integer> inputs = IntStream.range(0, 240).boxed().collect(Collectors.toList());
        try (ClusterPool pool = ClusterPool.builder().cluster(cluster).build()) {
            AsyncResult<List<Integer>> squares = pool.mapAsync(x -> Tasks.markAndSleep(marks, x, 40), inputs);
            killANodeRunning(dir);
            assertThat(squares.get(Duration.ofSeconds(120)))
                    .isEqualTo(inputs.stream().map(x -> x * x).collect(Collectors.toList()));
            assertThat(pool.inputsRunAgain()).isPositive();
            assertThat(pool.nodes()).isEqualTo(2);
        }
    }

    @Test
    @Order(2)
    void withMaxRetriesZeroATaskWhoseNodeDiesFailsAndNeverRunsTwice(@TempDir Path dir) throws Exception {
        String marks = dir.toString();
        try (ClusterPool pool = ClusterPool.builder().cluster(cluster).maxRetries(0).build()) {
            AsyncResult<Integer> result = pool.applyAsync(x -> Tasks.markAndSleep(marks, x, 120_000), 1);
            killANodeRunning(dir);
            assertThatThrownBy(() -> result.get(Duration.ofSeconds(60))).isInstanceOf(NodeLostException.class)
                    .hasMessageContaining("maxRetries=0");
            assertThat(Tasks.marked(dir)).hasSize(1);
            assertThat(pool.inputsRunAgain()).isZero();
            assertThat(pool.apply(Tasks::square, 4)).isEqualTo(16);
        }
    }
}
