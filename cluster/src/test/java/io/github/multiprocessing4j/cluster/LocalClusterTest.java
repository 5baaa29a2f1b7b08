package io.github.multiprocessing4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.multiprocessing4j.Process;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class LocalClusterTest {
    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void theNodesEndWhenTheirOwnerIsKilled(@TempDir Path dir) throws Exception {
        Leaks.quietHazelcast();
        Path pidFile = dir.resolve("node.pid");
        Process owner = new Process(ClusterOwner::ownForever, pidFile.toString());
        owner.start();
        try {
            await().atMost(Duration.ofSeconds(150)).until(() -> Files.exists(pidFile) || !owner.isAlive());
            assertThat(owner.isAlive()).isTrue();
            long node = Long.parseLong(Files.readString(pidFile));
            List<ProcessHandle> nodeAndWorkers = ProcessHandle.of(node).stream()
                    .flatMap(h -> java.util.stream.Stream.concat(java.util.stream.Stream.of(h), h.descendants()))
                    .collect(Collectors.toList());
            assertThat(nodeAndWorkers).hasSizeGreaterThanOrEqualTo(2); // the node and its worker JVM
            owner.kill();
            owner.join(Duration.ofSeconds(30));
            await().atMost(Duration.ofSeconds(30)).until(() -> nodeAndWorkers.stream().noneMatch(
                    ProcessHandle::isAlive));
        } finally {
            owner.kill();
            owner.join(Duration.ofSeconds(30));
            owner.close();
        }
        Leaks.assertNoneLeft();
    }
}
