package io.github.multiprocessing4j.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.multiprocessing4j.exception.PoolBrokenException;
import io.github.multiprocessing4j.exception.WorkerDiedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pool heals whatever kills its workers from outside: every task ends with its value or a
 * {@link WorkerDiedException}, and the pool stays usable. Only workers that cannot start on their own break it.
 */
class PoolHealingTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int TASKS = 10_000;
    /** Blind kills every 100 ms, most of them of workers still starting (a JVM starts in 0.2-1 s here). */
    private static final Duration BLIND = Duration.ofSeconds(3);
    /** Then kills every 100 ms while results flow, which land in running tasks. */
    private static final int KILLS_IN_FLOW = 12;

    @TempDir
    Path dir;

    static int work(int x) throws InterruptedException {
        if (x % 50 == 0) {
            Thread.sleep(1); // some tasks long enough for a kill to land in one
        }
        return x * 3;
    }

    /**
     * SIGKILLs a random worker of the pool every 100 ms: blindly for {@link #BLIND}, then only when results came
     * since its last kill (at most {@link #KILLS_IN_FLOW} times), until closed.
     */
    private static final class Killer implements AutoCloseable {
        final AtomicInteger kills = new AtomicInteger();
        final AtomicInteger progress = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        private final long blindEnd = System.nanoTime() + BLIND.toNanos();
        private int progressAtLastKill = -1;
        private int killsInFlow;

        Killer(Pool pool) {
            timer.scheduleAtFixedRate(() -> {
                try {
                    tick(pool);
                } catch (RuntimeException | Error e) {
                    failure.compareAndSet(null, e);
                }
            }, 0, 100, TimeUnit.MILLISECONDS);
        }

        private void tick(Pool pool) {
            List<Long> pids = pool.workerPids();
            boolean blind = System.nanoTime() < blindEnd;
            int seen = progress.get();
            if (pids.isEmpty() || !blind && (seen == progressAtLastKill || killsInFlow >= KILLS_IN_FLOW)) {
                return;
            }
            long pid = pids.get(ThreadLocalRandom.current().nextInt(pids.size()));
            if (ProcessHandle.of(pid).map(ProcessHandle::destroyForcibly).orElse(false)) {
                kills.incrementAndGet();
                progressAtLastKill = seen;
                killsInFlow += blind ? 0 : 1;
            }
        }

        @Override
        public void close() throws InterruptedException {
            timer.shutdownNow();
            assertThat(timer.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            assertThat(failure.get()).as("the killer's failure").isNull();
        }
    }

    @Test
    @Timeout(120)
    void shouldEndEveryTaskAndStayUsableWhileWorkersAreKilledEvery100Ms() throws Exception {
        List<Integer> inputs = IntStream.range(0, TASKS).boxed().collect(Collectors.toList());
        List<Object> outcomes = new ArrayList<>();
        long start = System.nanoTime();
        int kills;
        int rounds = 0;
        boolean died = false;
        try (Pool pool = Pool.builder().processes(2).build()) {
            try (Killer killer = new Killer(pool)) {
                // imaps one after the other until the killer has landed its kills and one landed in a task: how
                // many tasks a kill meets depends on how fast the pool is, so the test waits on what it needs
                // (the killer makes at least KILLS_IN_FLOW kills while results flow), not on the pool's speed
                do {
                    outcomes.clear();
                    try (IMapIterator<Integer> results = pool.imap(PoolHealingTest::work, inputs, 10)) {
                        while (results.hasNext()) {
                            try {
                                outcomes.add(results.next(WAIT));
                            } catch (WorkerDiedException e) {
                                outcomes.add(e);
                            }
                            killer.progress.incrementAndGet();
                        }
                    }
                    rounds++;
                    checkOutcomes(outcomes);
                    died |= outcomes.stream().anyMatch(WorkerDiedException.class::isInstance);
                } while (rounds < 100 && (killer.kills.get() < 10 || !died));
                kills = killer.kills.get();
                assertThat(died).as("a task whose worker was killed under it").isTrue();
            }
            long mapMillis = (System.nanoTime() - start) / 1_000_000;
            AsyncResult<List<Integer>> plain = pool.mapAsync(PoolHealingTest::work, inputs.subList(0, 1_000));
            List<Object> after;
            try (Killer killer = new Killer(pool)) {
                after = plainMapOutcome(plain);
            }
            assertThat(pool.map(x -> x + 1, List.of(1, 2, 3))).as("a map after the kills").containsExactly(2, 3, 4);
            System.out.printf("%d imaps of %d tasks under %d kills: %d ms%n", rounds, TASKS, kills, mapMillis);
            assertThat(kills).as("kills").isGreaterThanOrEqualTo(10);
            assertThat(after).satisfiesAnyOf(
                    a -> assertThat(a).singleElement().isInstanceOf(WorkerDiedException.class),
                    a -> assertThat(a).hasSize(1_000));
        }
    }

    /** One imap's outcomes: every task ended, with its value or with its killed worker's exception. */
    private static void checkOutcomes(List<Object> outcomes) {
        assertThat(outcomes).hasSize(TASKS);
        for (int i = 0; i < TASKS; i++) {
            Object outcome = outcomes.get(i);
            if (outcome instanceof WorkerDiedException) {
                assertThat(((WorkerDiedException) outcome).exitCode()).as("element %d", i).isEqualTo(-9);
            } else {
                assertThat(outcome).as("element %d", i).isEqualTo(i * 3);
            }
        }
    }

    /** A plain map under kills: its list of values, or the one failing element's WorkerDiedException. */
    private static List<Object> plainMapOutcome(AsyncResult<List<Integer>> map) throws Exception {
        try {
            List<Integer> values = map.get(WAIT);
            for (int i = 0; i < values.size(); i++) {
                assertThat(values.get(i)).isEqualTo(i * 3);
            }
            return new ArrayList<>(values);
        } catch (WorkerDiedException e) {
            assertThat(e.exitCode()).isEqualTo(-9);
            return List.of(e);
        }
    }

    @Test
    @Timeout(120)
    void shouldRecoverWhenWorkersAreKilledWhileTheyStart() throws Exception {
        try (Pool pool = Pool.builder().processes(2).build()) {
            Set<Long> killed = new HashSet<>();
            for (int round = 0; round < 4; round++) {
                // the workers of a new pool, then each round's replacements, are killed as soon as they appear
                await().atMost(WAIT).pollInterval(Duration.ofMillis(5))
                        .until(() -> pool.workerPids().stream().anyMatch(pid -> !killed.contains(pid)));
                for (long pid : pool.workerPids()) {
                    if (killed.add(pid)) {
                        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                    }
                }
            }
            assertThat(killed).hasSizeGreaterThanOrEqualTo(4);
            AsyncResult<List<Integer>> map = pool.mapAsync(x -> x * 2, List.of(1, 2, 3, 4));
            assertThat(map.get(WAIT)).containsExactly(2, 4, 6, 8);
        }
    }

    /** An initializer that SIGKILLs its own JVM in the first {@code deaths} workers, counted with files. */
    static void killFirstWorkers(String directory, Integer deaths) throws Exception {
        for (int i = 0; i < deaths; i++) {
            try {
                Files.createFile(Path.of(directory, "worker-" + i));
            } catch (FileAlreadyExistsException e) {
                continue;
            }
            new ProcessBuilder("kill", "-9", Long.toString(ProcessHandle.current().pid())).start().waitFor();
            Thread.sleep(60_000); // the signal arrives first
        }
    }

    @Test
    @Timeout(120)
    void shouldNotCountWorkersKilledBySignalBeforeTheyAreReady() throws Exception {
        int deaths = 8; // more than the breaker's limit of exits in a row
        try (Pool pool = Pool.builder().processes(2).initializer(PoolHealingTest::killFirstWorkers,
                dir.toString(), deaths).build()) {
            AsyncResult<Integer> r = pool.applyAsync(() -> 42);
            assertThat(r.get(WAIT)).isEqualTo(42);
        }
        try (var files = Files.list(dir)) {
            assertThat(files.count()).isEqualTo(deaths);
        }
    }

    static void exitThree() {
        System.exit(3);
    }

    @Test
    @Timeout(120)
    void shouldBreakThePoolWhenWorkersExitBeforeTheyAreReady() throws Exception {
        long start = System.nanoTime();
        Pool pool = Pool.builder().processes(2).initializer(PoolHealingTest::exitThree).build();
        try {
            AsyncResult<Integer> r = pool.applyAsync(() -> 1);
            assertThatThrownBy(() -> r.get(WAIT)).isInstanceOf(PoolBrokenException.class)
                    .hasMessageStartingWith("pool workers exit before they are ready: attempts=5, exitcode=3, "
                            + "worker=PoolWorker-");
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.println("the breaker tripped after " + millis + " ms");
            assertThat(millis).as("ms until the breaker trips").isLessThan(WAIT.toMillis());
            assertThatThrownBy(() -> pool.applyAsync(() -> 1)).isInstanceOf(PoolBrokenException.class)
                    .hasMessageContaining("exitcode=3");
        } finally {
            pool.terminate();
            assertThat(pool.join(WAIT)).isTrue();
        }
    }
}
