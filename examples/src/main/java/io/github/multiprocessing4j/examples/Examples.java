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
        add("sequential", "seed 1.1: cook() then wash() in one process", Kitchen::sequential);
        add("kitchen", "seed 1.2: cook and wash at once in two child JVMs", Kitchen::twoProcesses);
        add("args", "seed 1.3: positional args (4 and 3), then keyword args (num=2)", KitchenWithArguments::run);
        add("pids", "seed 1.4: each process prints its pid and its parent's pid", Pids::run);
        add("daemon", "seed 2: a daemon child is gone when the main process ends", Daemon::run);
        add("daemon-children", "seed 2: a daemon child may not start children", DaemonChildren::run);
        add("pool", "map x*x over 0..9999 on a Pool with a progress bar; prints the sum", PoolSquares::run);
        add("pool-crash", "100 tasks, task 37 kills its worker: one fails, 99 succeed", PoolCrash::run);
        add("pool-timeout", "a runaway task stopped by a 1 s timeout, then a normal task", PoolTimeout::run);
        add("queue", "issue 5: a producer child puts 0..99999 on a Queue, a consumer child sums them", QueueSum::run);
        add("shared-counter", "issue 5: 4 children add 1 to a shared Value 10,000 times under its lock",
                SharedCounter::run);
        add("lock-holder-dies", "issue 5: a lock holder is SIGKILLed; the main process recovers the lock",
                LockHolderDies::run);
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
