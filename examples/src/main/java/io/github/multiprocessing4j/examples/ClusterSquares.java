package io.github.multiprocessing4j.examples;

import io.github.multiprocessing4j.cluster.ClusterPool;
import io.github.multiprocessing4j.cluster.LocalCluster;
import io.github.multiprocessing4j.pool.AsyncResult;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Example {@code cluster}: a local cluster of 3 nodes (child JVMs, each a Hazelcast member with its own worker
 * JVM) maps {@code x -> x * x} over 0..9999 through a {@link ClusterPool}; one node is killed with SIGKILL in the
 * middle of the map. Its unfinished chunks run again on the other nodes: nothing is lost and the results stay in
 * order.
 */
final class ClusterSquares {
    private static final Logger HAZELCAST = Logger.getLogger("com.hazelcast");

    private ClusterSquares() {
    }

    static void run() throws Exception {
        HAZELCAST.setLevel(Level.SEVERE); // a killed member makes the others log warnings: expected here
        List<Integer> inputs = IntStream.range(0, 10_000).boxed().collect(Collectors.toList());
        try (LocalCluster cluster = LocalCluster.start(3);
                ClusterPool pool = ClusterPool.builder().cluster(cluster).build()) {
            AsyncResult<List<Integer>> squares = pool.mapAsync(x -> x * x, inputs, 50);
            while (pool.inputsDone() < 2_000 && !squares.ready()) {
                Thread.sleep(5);
            }
            boolean midMap = !squares.ready();
            cluster.kill(1);
            List<Integer> results = squares.get(Duration.ofMinutes(5));
            long sum = 0;
            int lost = 0;
            for (int i = 0; i < inputs.size(); i++) {
                Integer result = i < results.size() ? results.get(i) : null;
                if (result == null || result != i * i) {
                    lost++;
                } else {
                    sum += result;
                }
            }
            System.out.println("sum=" + sum + " lost=" + lost);
            System.out.println("killed node 2 of 3 " + (midMap ? "mid-map" : "after the map ended") + "; "
                    + pool.inputsRunAgain() + " inputs ran again on the other nodes");
        }
    }
}
