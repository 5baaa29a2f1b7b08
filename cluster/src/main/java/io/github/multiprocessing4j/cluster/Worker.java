package io.github.multiprocessing4j.cluster;

import io.github.multiprocessing4j.Multiprocessing;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A worker node's main: {@code java -cp app.jar io.github.multiprocessing4j.cluster.Worker --cluster NAME
 * --members host1,host2 --processes 8 --bind-interface 10.0.0.*}.
 *
 * <p>The node is a Hazelcast member (open-source edition) that runs the tasks it receives in its own
 * {@link io.github.multiprocessing4j.pool.Pool} of worker JVMs: a task that crashes or exhausts memory ends a
 * worker JVM, never the node. Tasks, results and exceptions cross as bytes of the library's codec; the node
 * decodes nothing that its deserialization allow-list refuses ({@code --allow com.example.**} or
 * {@code -Dmultiprocessing4j.serialAllow=...}). The node runs until it is stopped (SIGTERM, Ctrl-C) or killed;
 * its worker JVMs end with it. There is no TLS and no authentication in the open-source edition: bind the node
 * to a private interface and give every cluster its own name.
 */
@Command(name = "mp4j-worker", mixinStandardHelpOptions = true,
        description = "A multiprocessing4j worker node: a Hazelcast member running tasks in local worker JVMs.")
public final class Worker implements Callable<Integer> {
    @Option(names = "--cluster", required = true, description = "the cluster's name (each cluster its own)")
    private String cluster;

    @Option(names = "--members", split = ",", description = "the members to join: host or host:port, comma-separated"
            + " (default: 127.0.0.1)")
    private List<String> members = new ArrayList<>(List.of("127.0.0.1"));

    @Option(names = "--processes", description = "worker JVMs of this node (default: the number of CPUs)")
    private int processes = Multiprocessing.cpuCount();

    @Option(names = "--bind-interface", description = "the interface to bind and announce, e.g. 10.0.0.5 or "
            + "10.0.0.* (default: all interfaces)")
    private String bindInterface;

    @Option(names = "--port", description = "the first port to try (default: 5701; the next 19 are tried too)")
    private int port = 5701;

    @Option(names = "--allow", split = ",", description = "extra classes the node may deserialize: a.b.*, a.b.**"
            + " or a class name")
    private List<String> allow = new ArrayList<>();

    @Option(names = "--log-level", description = "Hazelcast's log level (default: INFO)")
    private String logLevel = "INFO";

    @Option(names = "--exit-with-parent", hidden = true, description = "halt when the parent JVM is gone")
    private boolean exitWithParent;

    /** Picocli creates it. */
    public Worker() {
    }

    /**
     * Runs a node until it is stopped.
     *
     * @param args the command line (see {@code --help})
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new Worker()).execute(args));
    }

    /**
     * Runs a node until it is stopped, without exiting: the target of {@link LocalCluster}'s child JVMs.
     *
     * @param args the command line
     * @throws Exception when the command line is wrong or the node cannot start
     */
    static void serve(String[] args) throws Exception {
        CommandLine line = new CommandLine(new Worker());
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            throw e;
        });
        int code = line.execute(args);
        if (code != 0) {
            throw new IllegalArgumentException("the node did not start (exit code " + code + "): "
                    + String.join(" ", args));
        }
    }

    @Override
    public Integer call() throws Exception {
        if (processes < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--processes must be at least 1, not " + processes);
        }
        if (exitWithParent) {
            Node.haltWithParent();
        }
        try (Node node = new Node(cluster, members, port, bindInterface, processes, Level.parse(logLevel), allow)) {
            System.out.println("multiprocessing4j node " + node.name() + " joined cluster " + cluster + " with "
                    + processes + " worker JVMs");
            node.awaitEnd();
        }
        return 0;
    }
}
