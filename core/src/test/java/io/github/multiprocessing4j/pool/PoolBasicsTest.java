package io.github.multiprocessing4j.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.multiprocessing4j.Multiprocessing;
import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.exception.ChildProcessException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PoolBasicsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private Pool pool;

    @BeforeEach
    void start() {
        pool = new Pool(2);
    }

    @AfterEach
    void stop() {
        pool.close();
    }

    static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().collect(Collectors.toList());
    }

    @Test
    void shouldApplyInAWorker() throws Exception {
        long pid = pool.apply(() -> ProcessHandle.current().pid());
        assertThat(pid).isNotEqualTo(ProcessHandle.current().pid());
        assertThat(pool.workerPids()).contains(pid);
        int answer = pool.apply((Integer x) -> x + 1, 41);
        assertThat(answer).isEqualTo(42);
    }

    @Test
    void shouldListWorkersAmongActiveChildren() throws Exception {
        String inWorker = pool.apply(() -> Multiprocessing.currentProcess().getName() + " "
                + Multiprocessing.parentProcess().orElseThrow().pid());
        assertThat(inWorker).matches("PoolWorker-\\d+ " + ProcessHandle.current().pid());
        List<Process> children = Multiprocessing.activeChildren();
        assertThat(children).extracting(Process::pid).containsAll(pool.workerPids());
        for (Process child : children) {
            assertThat(child.isAlive()).as("%s", child).isTrue();
            assertThat(child.getName()).startsWith("PoolWorker-");
            assertThat(child.toString()).contains("pid=" + child.pid()).contains(" started");
        }
        assertThat(Multiprocessing.activeChildren()).as("the same objects each time").containsAll(children);
    }

    @Test
    void shouldMapInOrder() throws Exception {
        List<Integer> squares = pool.map(x -> x * x, range(1000));
        assertThat(squares).isEqualTo(range(1000).stream().map(x -> x * x).collect(Collectors.toList()));
        assertThat(pool.map(x -> x * 2, range(10), 1)).containsExactly(0, 2, 4, 6, 8, 10, 12, 14, 16, 18);
        assertThat(pool.map(x -> x, List.<Integer>of())).isEmpty();
    }

    @Test
    void shouldCarryLargeArgumentsResultsAndChunks() throws Exception {
        int length = pool.apply((byte[] bytes) -> bytes.length, new byte[1 << 20]);
        assertThat(length).isEqualTo(1 << 20);
        byte[] big = pool.apply(() -> new byte[1 << 20]);
        assertThat(big).hasSize(1 << 20);
        List<Integer> squares = pool.map(x -> x * x, range(100_000)); // chunks of 12,500: frames of 50 KB
        assertThat(squares.get(99_999)).isEqualTo(99_999 * 99_999);
        List<String> words = pool.map(x -> "w" + x, range(20_000)); // element by element through the codec
        assertThat(words.get(19_999)).isEqualTo("w19999");
    }

    @Test
    void shouldStarmapPairs() throws Exception {
        List<Map.Entry<Integer, String>> pairs = List.of(Map.entry(1, "a"), Map.entry(2, "b"));
        assertThat(pool.starmap((Integer n, String s) -> s.repeat(n), pairs)).containsExactly("a", "bb");
    }

    @Test
    void shouldStreamImapInOrderAndUnordered() throws Exception {
        List<Integer> ordered = new ArrayList<>();
        try (IMapIterator<Integer> it = pool.imap(x -> x + 1, range(50))) {
            it.forEachRemaining(ordered::add);
        }
        assertThat(ordered).isEqualTo(range(50).stream().map(x -> x + 1).collect(Collectors.toList()));
        List<Integer> any = new ArrayList<>();
        try (IMapIterator<Integer> it = pool.imapUnordered(x -> x + 1, range(50),
                MapOptions.defaults().chunksize(3))) {
            it.forEachRemaining(any::add);
        }
        assertThat(any).containsExactlyInAnyOrderElementsOf(ordered);
    }

    @Test
    void shouldCarryTheTasksExceptionWithWorkerFrames() {
        AsyncResult<Integer> r = pool.applyAsync(() -> {
            throw new IllegalArgumentException("bad input: x=3");
        });
        assertThatThrownBy(() -> r.get(WAIT)).isInstanceOf(ChildProcessException.class)
                .hasMessageContaining("exception in child process: name=PoolWorker-")
                .cause().isInstanceOf(IllegalArgumentException.class).hasMessage("bad input: x=3");
        assertThat(r.ready()).isTrue();
        assertThat(r.successful()).isFalse();
    }

    @Test
    void shouldRunCallbacks() throws Exception {
        java.util.concurrent.CompletableFuture<Integer> seen = new java.util.concurrent.CompletableFuture<>();
        pool.applyAsync(() -> 7).callback(seen::complete);
        assertThat(seen.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(7);
    }
}
