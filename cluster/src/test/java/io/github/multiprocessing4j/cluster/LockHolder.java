package io.github.multiprocessing4j.cluster;

import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Arrays;

/** The target of a child JVM that takes a cluster lock, says so in a file and holds it until killed. */
final class LockHolder {
    private LockHolder() {
    }

    static void holdForever(String cluster, String addresses, String marker) throws Exception {
        ClusterPool pool = ClusterPool.builder().cluster(cluster).members(Arrays.asList(addresses.split(",")))
                .build();
        pool.lock("shared").acquire();
        Files.writeString(Paths.get(marker), "held");
        Thread.sleep(Long.MAX_VALUE);
    }
}
