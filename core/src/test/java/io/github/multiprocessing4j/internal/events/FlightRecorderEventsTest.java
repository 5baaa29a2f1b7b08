package io.github.multiprocessing4j.internal.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.StartMethod;
import io.github.multiprocessing4j.exception.WorkerDiedException;
import io.github.multiprocessing4j.ipc.Queue;
import io.github.multiprocessing4j.ipc.QueueEmptyException;
import io.github.multiprocessing4j.pool.Pool;
import io.github.multiprocessing4j.sync.Event;
import io.github.multiprocessing4j.sync.Lock;
import io.github.multiprocessing4j.fixtures.HelloParent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Flight Recorder events appear in a recording, with real child JVMs, and cost nothing when none is on. */
class FlightRecorderEventsTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final List<String> NAMES = List.of("ProcessStart", "ProcessExit", "PoolTask", "WorkerStart",
            "WorkerExit", "LockRecovery", "BlockingWait");

    @TempDir
    Path dir;

    static void holdAndDie(Lock lock, Event held) throws InterruptedException {
        lock.acquire();
        held.set();
        Runtime.getRuntime().halt(9); // dies holding the lock
    }

    static void exitWith(int code) {
        System.exit(code);
    }

    static Integer square(Integer x) {
        if (x < 0) {
            System.err.println("[expected] a pool worker halts on purpose: FlightRecorderEventsTest");
            Runtime.getRuntime().halt(3);
        }
        return x * x;
    }

    @Test
    void shouldRecordNothingWhenNoRecordingIsOn() {
        assertThat(Events.processStartBegins()).isNull();
        assertThat(Events.waitBegins()).isNull();
        assertThat(Events.workerStartBegins()).isNull();
    }

    @Test
    void shouldNotLoadTheRecorderInAProgramThatDoesNotRecord() throws Exception {
        java.lang.Process parent = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xlog:class+load=info",
                "-cp", System.getProperty("java.class.path"), HelloParent.class.getName(), "quiet")
                .redirectErrorStream(true).start();
        String out = new String(parent.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(parent.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("child quiet").contains("exit 0") // it started a process and saw it end
                .doesNotContain("jdk.jfr.Event ").doesNotContain(".internal.events.ProcessStartEvent");
    }

    @Test
    void shouldRecordStartsExitsPoolTasksWorkerDeathsLockRecoveriesAndWaits() throws Exception {
        Path file = dir.resolve("events.jfr");
        long exiting;
        long holder;
        try (Recording recording = new Recording()) {
            for (String name : NAMES) {
                recording.enable("multiprocessing4j." + name).withoutThreshold();
            }
            recording.start();
            Process p = new Process(FlightRecorderEventsTest::exitWith, 7).startMethod(StartMethod.SPAWN);
            p.start();
            assertThat(p.join(WAIT)).isTrue();
            exiting = p.pid();
            try (Pool pool = new Pool(1)) {
                assertThat(pool.apply(FlightRecorderEventsTest::square, 3)).isEqualTo(9);
                assertThatThrownBy(() -> pool.apply(FlightRecorderEventsTest::square, -1))
                        .isInstanceOf(WorkerDiedException.class);
                assertThat(pool.apply(FlightRecorderEventsTest::square, 4)).isEqualTo(16); // on the replacement
            }
            try (Lock lock = new Lock(); Event held = new Event(); Queue<Integer> empty = new Queue<>()) {
                Process h = new Process(FlightRecorderEventsTest::holdAndDie, lock, held);
                h.start();
                assertThat(held.await(WAIT)).isTrue();
                assertThat(h.join(WAIT)).isTrue();
                holder = h.pid();
                assertThat(lock.acquire(WAIT)).isTrue();
                lock.release();
                assertThatThrownBy(() -> empty.get(Duration.ofMillis(20))).isInstanceOf(QueueEmptyException.class);
            }
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        assertThat(events.stream().map(e -> e.getEventType().getName().replace("multiprocessing4j.", ""))
                .collect(Collectors.toSet())).containsAll(NAMES);
        assertThat(events).anySatisfy(e -> {
            assertThat(e.getEventType().getName()).isEqualTo("multiprocessing4j.ProcessStart");
            assertThat(e.getString("startMethod")).isEqualTo("spawn");
            assertThat(e.getBoolean("spare")).isFalse();
            assertThat(e.getLong("pid")).isEqualTo(exiting);
            assertThat(e.getDuration()).isPositive();
        });
        assertThat(events).anySatisfy(e -> {
            assertThat(e.getEventType().getName()).isEqualTo("multiprocessing4j.ProcessExit");
            assertThat(e.getLong("pid")).isEqualTo(exiting);
            assertThat(e.getInt("exitCode")).isEqualTo(7);
        });
        assertThat(events).anySatisfy(e -> {
            assertThat(e.getEventType().getName()).isEqualTo("multiprocessing4j.WorkerExit");
            assertThat(e.getBoolean("died")).isTrue();
            assertThat(e.getInt("exitCode")).isEqualTo(3);
        });
        assertThat(events).anySatisfy(e -> {
            assertThat(e.getEventType().getName()).isEqualTo("multiprocessing4j.WorkerStart");
            assertThat(e.getBoolean("replacement")).isTrue();
        });
        assertThat(events).anySatisfy(e -> {
            assertThat(e.getEventType().getName()).isEqualTo("multiprocessing4j.LockRecovery");
            assertThat(e.getLong("deadPid")).isEqualTo(holder);
        });
        assertThat(events).anySatisfy(e -> {
            assertThat(e.getEventType().getName()).isEqualTo("multiprocessing4j.BlockingWait");
            assertThat(e.getString("outcome")).isEqualTo("TIMED_OUT");
        });
    }
}
