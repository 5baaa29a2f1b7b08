package io.github.multiprocessing4j.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** The target of a child JVM that owns a local cluster of one node, writes the node's pid, and waits to be killed. */
final class ClusterOwner {
    private ClusterOwner() {
    }

    static void ownForever(String pidFile) throws Exception {
        LocalCluster cluster = LocalCluster.start(1);
        Path tmp = Paths.get(pidFile + ".tmp");
        Files.writeString(tmp, Long.toString(cluster.nodes().get(0).pid()));
        Files.move(tmp, Paths.get(pidFile));
        Thread.sleep(Long.MAX_VALUE);
    }
}
