package io.github.multiprocessing4j.cluster;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** Checks that a test left no child JVM and no Hazelcast thread behind. */
final class Leaks {
    private static final java.util.logging.Logger HAZELCAST = java.util.logging.Logger.getLogger("com.hazelcast");

    private Leaks() {
    }

    /** Hazelcast's client logs at INFO by default: only warnings in the tests' output. */
    static void quietHazelcast() {
        HAZELCAST.setLevel(java.util.logging.Level.WARNING);
    }

    static void assertNoneLeft() {
        await().atMost(Duration.ofSeconds(30)).until(() -> ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive).count() == 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> hazelcastThreads().isEmpty());
    }

    static List<String> hazelcastThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("hz.") || n.contains("hazelcast")).collect(Collectors.toList());
    }
}
