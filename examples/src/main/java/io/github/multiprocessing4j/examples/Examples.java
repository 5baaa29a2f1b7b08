package io.github.multiprocessing4j.examples;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs one example by name: {@code java -jar multiprocessing4j-examples.jar kitchen}. Without a name, lists them.
 */
public final class Examples {
    /** An example program. */
    @FunctionalInterface
    interface Example {
        void run() throws Exception;
    }

    private static final Map<String, Example> EXAMPLES = new LinkedHashMap<>();
    private static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

    static {
        add("sequential", "cook() then wash(), one after the other in this process (the baseline)",
                Kitchen::sequential);
        add("kitchen", "cook and wash at once, each in a child JVM (Process, start)", Kitchen::twoProcesses);
        add("args", "arguments by position (4 and 3), then by name (num=2)", KitchenWithArguments::run);
        add("pids", "each process prints its pid and its parent's pid", Pids::run);
        add("daemon", "a daemon child ends when the main process ends", Daemon::run);
        add("daemon-children", "a daemon child may not start children of its own", DaemonChildren::run);
        add("pool", "Pool.map of x*x over 0..9999 with a progress bar; prints the sum", PoolSquares::run);
        add("pool-crash", "100 tasks, task 37 kills its worker: only that task fails", PoolCrash::run);
        add("pool-timeout", "a runaway task stopped by a 1 s timeout, then a normal task", PoolTimeout::run);
        add("executor", "ProcessPoolExecutor: submit a task, then map over a list", ExecutorSquares::run);
        add("queue", "a producer child puts 0..99999 on a Queue, a consumer child sums them", QueueSum::run);
        add("pipe", "the main process and a child send messages both ways over a Pipe", PipePingPong::run);
        add("shared-counter", "4 children add 1 to a shared Value 10,000 times under its lock",
                SharedCounter::run);
        add("shared-memory", "a child attaches to a SharedMemory block by name and writes into it",
                SharedBlock::run);
        add("lock-holder-dies", "a lock holder is killed with SIGKILL; the main process still gets the lock",
                LockHolderDies::run);
        add("cluster", "a local 3-node cluster maps x*x over 0..9999; one node is killed mid-map, nothing is lost",
                ClusterSquares::run);
        add("manager", "4 children add 1000 keys to a managed dict and 1000 items to a managed list",
                ManagedDictList::run);
        add("listener", "a Listener with an authkey and two Clients in child processes", ListenerClients::run);
        add("remote-manager", "a manager on TCP with an authkey, two client JVMs with the key and one without",
                RemoteManager::run);
    }

    private Examples() {
    }

    private static void add(String name, String description, Example example) {
        EXAMPLES.put(name, example);
        DESCRIPTIONS.put(name, description);
    }

    /**
     * Runs the example named by the first argument.
     *
     * @param args the example's name
     * @throws Exception whatever the example throws
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("remote-manager-client")) {
            RemoteManager.client(args[1], args[2]);
            return;
        }
        Example example = args.length == 0 ? null : EXAMPLES.get(args[0]);
        if (example == null) {
            System.out.println("usage: java -jar multiprocessing4j-examples.jar NAME");
            System.out.println();
            DESCRIPTIONS.forEach((name, description) -> System.out.printf("  %-16s %s%n", name, description));
            if (args.length > 0) {
                System.out.println();
                System.out.println("unknown example: " + args[0]);
                System.exit(2);
            }
            return;
        }
        example.run();
    }
}
