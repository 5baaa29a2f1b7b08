package io.github.multiprocessing4j.cluster;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import io.github.multiprocessing4j.internal.codec.AllowList;
import io.github.multiprocessing4j.internal.runtime.JvmRuntime;
import io.github.multiprocessing4j.internal.watch.ParentWatch;
import io.github.multiprocessing4j.pool.Pool;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A worker node: one embedded Hazelcast member and a local {@link Pool} of worker JVMs that runs the
 * {@link NodeTask}s the member receives. A task that crashes or exhausts memory ends a worker JVM (the pool
 * replaces it), never the node. The member finds the pool in its user context, so nothing here is static.
 */
final class Node implements AutoCloseable {
    private static final String CONTEXT_KEY = "mp4j.node";

    private final Pool pool;
    private final HazelcastInstance member;
    private final String name;
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Logger hazelcastLogger;

    Node(String cluster, List<String> members, int port, String bindInterface, int processes, Level logLevel,
            List<String> allow) {
        AllowList allowList = JvmRuntime.get().allowList();
        allow.forEach(allowList::add);
        hazelcastLogger = Logger.getLogger("com.hazelcast");
        hazelcastLogger.setLevel(logLevel);
        this.pool = new Pool(processes);
        try {
            var config = HazelcastSettings.member(cluster, members, port, bindInterface, processes);
            config.getUserContext().put(CONTEXT_KEY, this);
            this.member = Hazelcast.newHazelcastInstance(config);
        } catch (RuntimeException e) {
            pool.terminate();
            throw e;
        }
        this.name = member.getCluster().getLocalMember().getAddress() + " (pid " + ProcessHandle.current().pid()
                + ")";
        member.getLifecycleService().addLifecycleListener(event -> {
            if (event.getState() == LifecycleEvent.LifecycleState.SHUTDOWN) {
                ended.countDown();
            }
        });
    }

    static Node of(HazelcastInstance member) {
        Node node = (Node) member.getUserContext().get(CONTEXT_KEY);
        if (node == null) {
            throw new IllegalStateException("this Hazelcast member is not a multiprocessing4j node");
        }
        return node;
    }

    Pool pool() {
        return pool;
    }

    AllowList allowList() {
        return JvmRuntime.get().allowList();
    }

    String name() {
        return name;
    }

    /** In a node started by {@link LocalCluster}: halt when the owner is gone, even after its SIGKILL. */
    static void haltWithParent() {
        ParentWatch watch = JvmRuntime.get().parentWatch();
        if (watch != null) {
            watch.onGone(() -> Runtime.getRuntime().halt(ExitOnParentGone.CODE));
            watch.startPolling(250);
        }
    }

    /** Blocks until the member shuts down (by {@link #close()} or Hazelcast). */
    void awaitEnd() throws InterruptedException {
        ended.await();
    }

    @Override
    public void close() {
        try {
            member.shutdown();
        } finally {
            pool.terminate();
            ended.countDown();
        }
    }

    /** The exit code of a node that halted because its owner was gone. */
    static final class ExitOnParentGone {
        static final int CODE = 75;

        private ExitOnParentGone() {
        }
    }
}
