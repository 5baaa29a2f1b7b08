package io.github.multiprocessing4j.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.LifecycleEvent.LifecycleState;
import io.github.multiprocessing4j.internal.codec.AllowList;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The program's side of a cluster pool: sends {@link NodeTask}s to nodes, at most a node's worker count plus one
 * at a time, so that work spreads over the nodes and a lost node takes little with it; and sends a task again
 * to another node when its node leaves the cluster before answering, at most {@code maxRetries} times.
 *
 * <p>A node is lost for a task when Hazelcast reports the member removed or the call failed (the node never throws:
 * it answers every task, a failing one with its exception). A result that arrives after its task was sent again is
 * ignored. All state is guarded by this object's monitor; replies are decoded outside it.
 */
final class Dispatcher implements AutoCloseable {
    private static final long SUSPECT_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(15);
    private final HazelcastInstance client;
    private final IExecutorService executor;
    private final AllowList allowList;
    private final int maxRetries;
    private final Deque<Job> pending = new ArrayDeque<>();
    private final Set<Job> running = new LinkedHashSet<>();
    private final Map<UUID, Integer> inFlight = new HashMap<>();
    /** Members a call failed on, by when that was: not used for {@link #SUSPECT_NANOS} (or ever, once removed). */
    private final Map<UUID, Long> suspects = new HashMap<>();
    private final AtomicLong inputsRunAgain = new AtomicLong();
    private final AtomicLong nodesLost = new AtomicLong();
    private final AtomicLong inputsDone = new AtomicLong();
    private boolean closed;

    Dispatcher(HazelcastInstance client, AllowList allowList, int maxRetries) {
        this.client = client;
        this.executor = client.getExecutorService(HazelcastSettings.EXECUTOR);
        this.allowList = allowList;
        this.maxRetries = maxRetries;
        client.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                pump();
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                memberGone(event.getMember());
            }
        });
        client.getLifecycleService().addLifecycleListener(event -> {
            if (event.getState() == LifecycleState.SHUTTING_DOWN || event.getState() == LifecycleState.SHUTDOWN) {
                failAll(new NodeLostException("the program's connection to the cluster ended (no node reachable "
                        + "within the connect timeout, or the pool was closed)", null));
            }
        });
    }

    /** A chunk of inputs on its way through the cluster. */
    final class Job {
        final NodeTask task;
        final int size;
        final CompletableFuture<List<?>> result = new CompletableFuture<>();
        private Member member;
        private Future<byte[]> remote;
        private int generation;
        private int runs;

        Job(NodeTask task, int size) {
            this.task = task;
            this.size = size;
        }

        /** Cancels the job: a queued one never runs; a running one is cancelled on its node (interrupted). */
        boolean cancel(boolean mayInterruptIfRunning) {
            Future<byte[]> toCancel;
            synchronized (Dispatcher.this) {
                if (result.isDone()) {
                    return false;
                }
                pending.remove(this);
                toCancel = remote;
                if (running.remove(this)) {
                    release(member);
                }
                generation++;
            }
            if (toCancel != null) {
                toCancel.cancel(mayInterruptIfRunning);
            }
            boolean cancelled = result.cancel(mayInterruptIfRunning);
            pump();
            return cancelled;
        }
    }

    Job submit(NodeTask task, int size) {
        Job job = new Job(task, size);
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the cluster pool is closed");
            }
            pending.addLast(job);
        }
        pump();
        return job;
    }

    /** How many inputs ran again because their node was lost. */
    long inputsRunAgain() {
        return inputsRunAgain.get();
    }

    /** How many inputs have their result here. */
    long inputsDone() {
        return inputsDone.get();
    }

    /** How many times a node was lost with tasks on it. */
    long nodesLost() {
        return nodesLost.get();
    }

    /** The worker JVMs of all nodes now in the cluster. */
    int totalProcesses() {
        int total = 0;
        for (Member member : client.getCluster().getMembers()) {
            total += capacity(member);
        }
        return total;
    }

    private static int capacity(Member member) {
        String processes = member.getAttribute(HazelcastSettings.PROCESSES_ATTRIBUTE);
        try {
            return processes == null ? 1 : Math.max(1, Integer.parseInt(processes));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private void pump() {
        List<Runnable> starts = new ArrayList<>();
        synchronized (this) {
            if (closed || pending.isEmpty()) {
                return;
            }
            Set<Member> members = client.getCluster().getMembers();
            long now = System.nanoTime();
            suspects.values().removeIf(since -> since != Long.MIN_VALUE && now - since > SUSPECT_NANOS);
            while (!pending.isEmpty()) {
                Member target = null;
                double lowest = Double.MAX_VALUE;
                for (Member member : members) {
                    if (suspects.containsKey(member.getUuid())) {
                        continue; // a call failed there: the client's member list may not know it is gone yet
                    }
                    int limit = capacity(member) + 1;
                    int busy = inFlight.getOrDefault(member.getUuid(), 0);
                    double load = (double) busy / limit;
                    if (busy < limit && load < lowest) {
                        lowest = load;
                        target = member;
                    }
                }
                if (target == null) {
                    if (!suspects.isEmpty() && !closed) {
                        // look again once suspicions may have expired or the member list has caught up
                        CompletableFuture.delayedExecutor(1, java.util.concurrent.TimeUnit.SECONDS)
                                .execute(this::pump);
                    }
                    break;
                }
                Job job = pending.pollFirst();
                job.member = target;
                job.generation++;
                job.runs++;
                running.add(job);
                inFlight.merge(target.getUuid(), 1, Integer::sum);
                Member member = target;
                int generation = job.generation;
                starts.add(() -> start(job, member, generation));
            }
        }
        starts.forEach(Runnable::run);
    }

    @SuppressWarnings("unchecked")
    private void start(Job job, Member member, int generation) {
        Future<byte[]> future;
        try {
            future = executor.submitToMember(job.task, member);
        } catch (RuntimeException e) {
            finished(job, generation, null, e);
            return;
        }
        synchronized (this) {
            if (job.generation == generation) {
                job.remote = future;
            }
        }
        ((CompletionStage<byte[]>) future).whenComplete((reply, error) -> finished(job, generation, reply, error));
    }

    private void finished(Job job, int generation, byte[] reply, Throwable error) {
        synchronized (this) {
            if (job.generation != generation || job.result.isDone()) {
                return; // sent again, or cancelled: this answer is stale
            }
            running.remove(job);
            release(job.member);
            job.remote = null;
            if (error != null) {
                lost(job, error);
            }
        }
        if (error == null) {
            complete(job, reply);
        }
        pump();
    }

    private void complete(Job job, byte[] reply) {
        try {
            NodeReply.Decoded decoded = NodeReply.decode(reply, allowList);
            if (decoded.error() != null) {
                job.result.completeExceptionally(decoded.error());
            } else {
                inputsDone.addAndGet(job.size);
                job.result.complete(decoded.results());
            }
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            job.result.completeExceptionally(new io.github.multiprocessing4j.exception.SerializationFailedException(
                    "cannot read a node's answer: " + e.getMessage(), e));
        }
    }

    /** Holding the monitor: the job's node is gone; send it again or fail it. */
    private void lost(Job job, Throwable cause) {
        nodesLost.incrementAndGet();
        suspects.putIfAbsent(job.member.getUuid(), System.nanoTime());
        if (job.runs > maxRetries) {
            job.result.completeExceptionally(new NodeLostException("the node " + job.member.getAddress()
                    + " was lost while running a task of " + job.size + " input(s), which ran " + job.runs
                    + " time(s) (maxRetries=" + maxRetries + ")", cause));
        } else {
            inputsRunAgain.addAndGet(job.size);
            pending.addFirst(job);
        }
    }

    private void memberGone(Member member) {
        synchronized (this) {
            for (Job job : new ArrayList<>(running)) {
                if (job.member.getUuid().equals(member.getUuid())) {
                    running.remove(job);
                    job.generation++;
                    job.remote = null;
                    lost(job, null);
                }
            }
            inFlight.remove(member.getUuid());
            suspects.put(member.getUuid(), Long.MIN_VALUE); // removed members never come back under this id
        }
        pump();
    }

    private void release(Member member) {
        inFlight.computeIfPresent(member.getUuid(), (uuid, count) -> count > 1 ? count - 1 : null);
    }

    private void failAll(RuntimeException error) {
        List<Job> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(pending);
            all.addAll(running);
            pending.clear();
            running.clear();
            inFlight.clear();
        }
        for (Job job : all) {
            job.result.completeExceptionally(error);
        }
    }

    @Override
    public void close() {
        List<Job> all;
        synchronized (this) {
            all = new ArrayList<>(running);
            all.addAll(pending);
        }
        for (Job job : all) {
            job.cancel(true); // stops it on its node
        }
        failAll(new java.util.concurrent.CancellationException("the cluster pool was closed"));
    }
}
