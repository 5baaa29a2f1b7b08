package io.github.multiprocessing4j.internal.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Liveness by pid and start time: a reused pid and a zombie count as dead. */
class LivenessTest {
    @Test
    void shouldKnowThisProcessAndALiveChild() throws Exception {
        assertThat(Liveness.isAlive(Liveness.selfPid())).isTrue();
        assertThat(Liveness.isAlive(Liveness.selfPid(), Liveness.selfStartTime())).isTrue();
        java.lang.Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            long start = Liveness.startTime(sleeper.pid());
            assertThat(start).isPositive();
            assertThat(Liveness.isAlive(sleeper.pid(), start)).isTrue();
            assertThat(Liveness.isAlive(sleeper.pid(), start + 1)).as("same pid, another start: reused").isFalse();
        } finally {
            sleeper.destroyForcibly();
            sleeper.waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(Liveness.isAlive(sleeper.pid())).isFalse();
        assertThat(Liveness.startTime(sleeper.pid())).isZero();
    }

    @Test
    void shouldTakeAZombieForDead() throws Exception {
        // "true" ends at once; its parent, now "sleep", never reaps it
        java.lang.Process parent = new ProcessBuilder("sh", "-c", "true & exec sleep 30").start();
        try {
            Optional<ProcessHandle> zombie = Optional.empty();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (zombie.isEmpty() && System.nanoTime() < deadline) {
                zombie = parent.toHandle().children().filter(c -> isZombie(c.pid())).findFirst();
                Thread.onSpinWait();
            }
            assertThat(zombie).as("a zombie child of sleep").isPresent();
            assertThat(ProcessHandle.of(zombie.get().pid())).as("the JDK still lists it").isPresent();
            assertThat(Liveness.isAlive(zombie.get().pid())).isFalse();
        } finally {
            parent.destroyForcibly();
            parent.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Paths.get("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
