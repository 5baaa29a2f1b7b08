package io.github.multiprocessing4j.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.multiprocessing4j.internal.spawn.InheritedJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** No worker, and nothing a task started, outlives a parent killed with SIGKILL. */
class PoolParentDeathTest {
    @Test
    void shouldEndWorkersDaemonsAndSparesSoonAfterTheParentIsKilled() throws Exception {
        ParentKillTimes.Run run = ParentKillTimes.measureOnce();
        // measured by hand (ParentKillTimes.main) on 2 busy cores: see the commit; asserted with room for a loaded CI
        System.out.println("ms from the parent's SIGKILL to each child's end: " + run.goneMillis());
        assertThat(run.pids()).containsKeys("busy", "idle", "daemon");
        assertThat(run.nonDaemon()).as("the non-daemon child's pid").isPositive();
        assertThat(run.goneMillis()).as("ms until gone, -1 for not within %d ms", ParentKillTimes.LIMIT_MILLIS)
                .allSatisfy((kind, ms) -> assertThat(ms).as(kind).isBetween(0L, ParentKillTimes.LIMIT_MILLIS));
    }

    @Test
    void shouldEndWorkersAndTheirChildrenWhenTheParentIsKilled() throws Exception {
        String classPath = InheritedJvm.classPath(List.of(PoolOwnerMain.class.getClassLoader()));
        java.lang.Process owner = new ProcessBuilder(InheritedJvm.javaBinary().toString(), "-cp", classPath,
                PoolOwnerMain.class.getName()).redirectErrorStream(true).start();
        List<Long> pids = new ArrayList<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(owner.getInputStream(),
                    StandardCharsets.UTF_8));
            CompletableFuture<Void> read = CompletableFuture.runAsync(() -> {
                try {
                    String line;
                    boolean workers = false;
                    boolean grandchild = false;
                    while ((!workers || !grandchild) && (line = out.readLine()) != null) {
                        if (line.startsWith("pids ")) {
                            for (String pid : line.substring(5).split(" ")) {
                                pids.add(Long.parseLong(pid));
                            }
                            workers = true;
                        } else if (line.startsWith("grandchild ")) {
                            pids.add(Long.parseLong(line.substring(11)));
                            grandchild = true;
                        }
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            read.get(60, TimeUnit.SECONDS);
            assertThat(pids).hasSize(3).allMatch(pid -> ProcessHandle.of(pid).isPresent());
        } finally {
            owner.destroyForcibly(); // SIGKILL: no shutdown hook runs in the owner
            owner.waitFor(30, TimeUnit.SECONDS);
            owner.getInputStream().close();
            owner.getOutputStream().close();
            owner.getErrorStream().close();
        }
        // the tasks sleep for 10 minutes: gone means ended by the owner's death (a busy machine can take seconds)
        await().atMost(Duration.ofSeconds(60)).until(() -> pids.stream()
                .noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)));
    }
}
