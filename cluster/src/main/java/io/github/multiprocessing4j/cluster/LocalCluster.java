package io.github.multiprocessing4j.cluster;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.core.HazelcastInstance;
import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.exception.ProcessStartException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A cluster of worker nodes on this machine, for tests and demos: each node is a child JVM started with the
 * library's launcher (a {@link Process} running {@link Worker}), bound to 127.0.0.1 with multicast off, under a
 * cluster name of its own.
 *
 * <p>The nodes end with their owner: {@link #close()} terminates them (SIGTERM; each ends its own worker JVMs),
 * and if this JVM dies, even by SIGKILL, each node notices through the library's parent watch and halts, and its
 * worker JVMs end with it. {@link #kill(int)} sends SIGKILL to one node, to see what a lost machine does.
 *
 * <pre>{@code
 * try (LocalCluster cluster = LocalCluster.start(3);
 *      ClusterPool pool = ClusterPool.builder().cluster(cluster).build()) {
 *     pool.map(x -> x * x, inputs);
 * }
 * }</pre>
 */
public final class LocalCluster implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final String name;
    private final List<String> addresses;
    private final List<Process> nodes = new ArrayList<>();

    private LocalCluster(int count, int processes) {
        this.name = "mp4j-local-" + UUID.randomUUID();
        this.addresses = new ArrayList<>();
        List<Integer> ports = freePorts(count);
        for (int port : ports) {
            addresses.add("127.0.0.1:" + port);
        }
        try {
            for (int i = 0; i < count; i++) {
                String[] args = {"--cluster", name, "--members", String.join(",", addresses), "--port",
                        Integer.toString(ports.get(i)), "--bind-interface", "127.0.0.1", "--processes",
                        Integer.toString(processes), "--log-level", "SEVERE", "--exit-with-parent"};
                Process node = new Process(Worker::serve, args).setName("ClusterNode-" + (i + 1));
                node.start();
                nodes.add(node);
            }
            awaitMembers(count);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /**
     * Starts {@code count} nodes of one worker JVM each and waits until all have joined.
     *
     * @param count at least 1
     * @return the cluster
     * @throws ProcessStartException when the nodes do not form a cluster within 120 seconds
     */
    public static LocalCluster start(int count) {
        return start(count, 1);
    }

    /**
     * Starts {@code count} nodes of {@code processes} worker JVMs each and waits until all have joined.
     *
     * @param count at least 1
     * @param processes worker JVMs per node, at least 1
     * @return the cluster
     * @throws ProcessStartException when the nodes do not form a cluster within 120 seconds
     */
    public static LocalCluster start(int count, int processes) {
        if (count < 1 || processes < 1) {
            throw new IllegalArgumentException("a local cluster needs at least 1 node of at least 1 process, not "
                    + count + " nodes of " + processes);
        }
        return new LocalCluster(count, processes);
    }

    private static List<Integer> freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports.add(socket.getLocalPort());
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find free ports for a local cluster", e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // the port is free again either way
                }
            }
        }
    }

    private void awaitMembers(int count) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        awaitPorts(deadline);
        HazelcastInstance probe;
        try {
            probe = HazelcastClient.newHazelcastClient(HazelcastSettings.client(name, addresses,
                    START_TIMEOUT.toMillis()));
        } catch (RuntimeException e) {
            throw new ProcessStartException("the nodes of local cluster " + name + " did not answer within "
                    + START_TIMEOUT + ": " + e.getMessage(), e);
        }
        try {
            while (probe.getCluster().getMembers().size() < count) {
                checkAlive();
                if (System.nanoTime() > deadline) {
                    throw new ProcessStartException("only " + probe.getCluster().getMembers().size() + " of "
                            + count + " nodes of local cluster " + name + " joined within " + START_TIMEOUT, null);
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessStartException("interrupted while local cluster " + name + " was starting", e);
        } finally {
            probe.shutdown();
        }
    }

    /** Waits until every node accepts connections, so that the client that checks the cluster starts quietly. */
    private void awaitPorts(long deadline) {
        for (int i = 0; i < nodes.size(); i++) {
            String[] hostPort = addresses.get(i).split(":");
            while (true) {
                try (java.net.Socket socket = new java.net.Socket()) {
                    socket.connect(new java.net.InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])), 1000);
                    break;
                } catch (IOException e) {
                    checkAlive();
                    if (System.nanoTime() > deadline) {
                        throw new ProcessStartException(nodes.get(i).getName() + " of local cluster " + name
                                + " did not open its port within " + START_TIMEOUT, e);
                    }
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw new ProcessStartException("interrupted while local cluster " + name + " was starting",
                                interrupted);
                    }
                }
            }
        }
    }

    private void checkAlive() {
        for (Process node : nodes) {
            if (!node.isAlive()) {
                throw new ProcessStartException(node.getName() + " of local cluster " + name
                        + " ended while starting, exit code " + node.exitCode(), null);
            }
        }
    }

    /**
     * The cluster's name (unique to this cluster).
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The nodes' addresses, {@code 127.0.0.1:port}.
     *
     * @return one per node, in start order
     */
    public List<String> addresses() {
        return List.copyOf(addresses);
    }

    /**
     * The node processes, in start order.
     *
     * @return the child JVMs
     */
    public List<Process> nodes() {
        return List.copyOf(nodes);
    }

    /**
     * Kills node {@code index} with SIGKILL and waits until it has ended (its worker JVMs end on their own).
     *
     * @param index from 0
     * @throws InterruptedException when interrupted while waiting
     */
    public void kill(int index) throws InterruptedException {
        Process node = nodes.get(index);
        node.kill();
        node.join(Duration.ofSeconds(30));
    }

    /** Terminates every node (SIGTERM) and waits for them; idempotent. */
    @Override
    public void close() {
        for (Process node : nodes) {
            if (node.isAlive()) {
                node.terminate();
            }
        }
        for (Process node : nodes) {
            try {
                if (!node.join(Duration.ofSeconds(20))) {
                    node.kill();
                    node.join(Duration.ofSeconds(10));
                }
            } catch (InterruptedException e) {
                node.kill();
                Thread.currentThread().interrupt();
            }
            node.close();
        }
    }
}
