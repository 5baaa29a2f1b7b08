package io.github.multiprocessing4j.pool;

import io.github.multiprocessing4j.exception.WorkerDiedException;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A worker that dies in the middle of a map fails only the task it ran; every other task completes. */
class PoolCrashTest {
    private static final int TASKS = 120;
    private static final int VICTIM = 57;

    enum Crash {
        SYSTEM_EXIT(7), HALT(3), SIGKILL(-9), OUT_OF_MEMORY(3),
        /** With -XX:-CreateCoredumpOnCrash the JVM exits with 1 after its crash report (with core dumps: -6). */
        JVM_CRASH(1);

        final int exitCode;

        Crash(int exitCode) {
            this.exitCode = exitCode;
        }

        /** What the JVM prints about this end that could alarm a reader of the build's output, or null. */
        String report() {
            switch (this) {
                case JVM_CRASH:
                    return "JVM crash report (SIGSEGV in a pool worker)";
                case OUT_OF_MEMORY:
                    return "'Terminating due to java.lang.OutOfMemoryError' (in a pool worker)";
                default:
                    return null;
            }
        }
    }

    @TempDir
    Path errorFiles;

    static Integer work(Crash crash, int x) throws Exception {
        if (x != VICTIM) {
            return x * x;
        }
        if (crash.report() != null) { // printed by the worker itself, so it comes before the report
            System.err.println("[expected] the next " + crash.report() + " is deliberate: "
                    + PoolCrashTest.class.getSimpleName() + ".shouldFailOnlyTheTaskWhoseWorkerDied[" + crash + "]");
            System.err.flush();
        }
        switch (crash) {
            case SYSTEM_EXIT:
                System.exit(7);
                break;
            case HALT:
                Runtime.getRuntime().halt(3);
                break;
            case JVM_CRASH:
                // a segmentation fault in the JVM: it writes its error report (into the test's directory) and aborts
                Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
                java.lang.reflect.Field theUnsafe = unsafeClass.getDeclaredField("theUnsafe");
                theUnsafe.setAccessible(true);
                unsafeClass.getMethod("putAddress", long.class, long.class).invoke(theUnsafe.get(null), 0L, 0L);
                break;
            case SIGKILL:
                new ProcessBuilder("kill", "-9", Long.toString(ProcessHandle.current().pid())).start().waitFor();
                Thread.sleep(60_000); // the signal arrives first
                break;
            default:
                List<long[]> hog = new ArrayList<>();
                while (true) {
                    hog.add(new long[1 << 20]);
                }
        }
        return -1;
    }

    @ParameterizedTest
    @EnumSource(Crash.class)
    void shouldFailOnlyTheTaskWhoseWorkerDied(Crash crash) throws Exception {
        Set<Path> errorFilesHere = errorFilesIn(Paths.get("").toAbsolutePath());
        List<Integer> inputs = IntStream.range(0, TASKS).boxed().collect(Collectors.toList());
        List<Object> outcomes = new ArrayList<>();
        try (Pool pool = Pool.builder().processes(2).jvmOptions("-Xmx64m",
                "-XX:ErrorFile=" + errorFiles.resolve("hs_err_pid%p.log"), "-XX:-CreateCoredumpOnCrash").build();
                IMapIterator<Integer> results = pool.imap(x -> work(crash, x), inputs)) {
            while (results.hasNext()) {
                try {
                    outcomes.add(results.next(java.time.Duration.ofSeconds(60)));
                } catch (WorkerDiedException e) {
                    outcomes.add(e);
                }
            }
        }
        assertThat(outcomes).hasSize(TASKS);
        for (int i = 0; i < TASKS; i++) {
            if (i == VICTIM) {
                assertThat(outcomes.get(i)).isInstanceOf(WorkerDiedException.class);
                WorkerDiedException died = (WorkerDiedException) outcomes.get(i);
                assertThat(died.exitCode()).isEqualTo(crash.exitCode);
                assertThat(died.getMessage()).startsWith("worker died while running the task: worker=PoolWorker-")
                        .contains("exitcode=" + crash.exitCode);
            } else {
                assertThat(outcomes.get(i)).isEqualTo(i * i);
            }
        }
        assertThat(errorFilesIn(errorFiles)).hasSize(crash == Crash.JVM_CRASH ? 1 : 0);
        assertThat(errorFilesIn(Paths.get("").toAbsolutePath())).as("crash reports in the working directory")
                .isEqualTo(errorFilesHere);
    }

    private static Set<Path> errorFilesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("hs_err_pid")).collect(Collectors.toSet());
        }
    }
}
