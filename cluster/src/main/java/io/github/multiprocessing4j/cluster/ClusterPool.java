package io.github.multiprocessing4j.cluster;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.core.HazelcastInstance;
import io.github.multiprocessing4j.function.SerializableCallable;
import io.github.multiprocessing4j.function.SerializableFunction;
import io.github.multiprocessing4j.internal.codec.AllowList;
import io.github.multiprocessing4j.internal.codec.Codec;
import io.github.multiprocessing4j.internal.runtime.JvmRuntime;
import io.github.multiprocessing4j.pool.AsyncResult;
import io.github.multiprocessing4j.pool.Pool;
import io.github.multiprocessing4j.pool.TaskPool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@link Pool}'s API over a cluster of worker nodes ({@link Worker}, or {@link LocalCluster} on one machine): the
 * program joins the cluster as a Hazelcast client (not as a member) and each task runs in a worker JVM of some
 * node.
 *
 * <pre>{@code
 * try (ClusterPool pool = ClusterPool.builder().cluster("prod").members("10.0.0.5", "10.0.0.6").build()) {
 *     List<Integer> squares = pool.map(x -> x * x, inputs);       // as with new Pool(8)
 * }
 * }</pre>
 *
 * <p><b>What crosses.</b> The function and its inputs are serialized here with the library's codec and cross as
 * bytes; a node decodes them through its allow-list, runs them in its local pool and answers with the results or
 * the exception (with the node's and the worker's frames), which this JVM decodes through its own allow-list.
 *
 * <p><b>When a node dies</b> (SIGKILL, machine loss, cut off): the tasks it had not answered run again on other
 * nodes, each at most {@code maxRetries} times (default 2), then fail with {@link NodeLostException}; a map's
 * results still come out in input order. So a task whose node dies may run twice, and its side effects happen
 * twice: give idempotent tasks, or {@code maxRetries(0)} to never run a task again. A task that kills its own
 * worker JVM fails with {@link io.github.multiprocessing4j.exception.WorkerDiedException} and is not retried.
 *
 * <p><b>Blocking.</b> {@code apply} and {@code map} block until the results are there; the async forms do not.
 * The task timeout stops a task on its node (its worker JVM is killed, {@code TaskTimeoutException});
 * {@code cancel(true)} on an async result does the same. A class missing on a node fails the task with
 * {@link MissingClassException} naming the class and the node. Thread-safe. Code written against
 * {@link TaskPool} runs on this and on the local {@link Pool} alike.
 */
public final class ClusterPool implements TaskPool {
    private final HazelcastInstance client;
    private final Dispatcher dispatcher;
    private final AllowList allowList = JvmRuntime.get().allowList();
    private final long timeoutNanos;

    private ClusterPool(Builder settings) {
        this.client = HazelcastClient.newHazelcastClient(
                HazelcastSettings.client(settings.cluster, settings.members, settings.connectTimeout.toMillis()));
        this.dispatcher = new Dispatcher(client, allowList, settings.maxRetries);
        this.timeoutNanos = settings.timeout == null ? 0 : settings.timeout.toNanos();
    }

    /**
     * Settings: the cluster to join and how tasks are retried.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Settings of a {@link ClusterPool}; {@link #build()} connects. */
    public static final class Builder {
        private String cluster;
        private List<String> members = new ArrayList<>(List.of("127.0.0.1"));
        private int maxRetries = 2;
        private Duration timeout;
        private Duration connectTimeout = Duration.ofSeconds(30);

        Builder() {
        }

        /**
         * How long to try to reach the cluster, at the start and after losing every connection (default 30 s);
         * then {@link #build()} fails, or the pending tasks fail with {@link NodeLostException}.
         *
         * @param limit positive
         * @return this
         */
        public Builder connectTimeout(Duration limit) {
            if (limit.isNegative() || limit.isZero()) {
                throw new IllegalArgumentException("the connect timeout must be positive, not " + limit);
            }
            this.connectTimeout = limit;
            return this;
        }

        /**
         * The cluster's name, as given to its nodes with {@code --cluster}.
         *
         * @param name the name
         * @return this
         */
        public Builder cluster(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("the cluster name must not be empty");
            }
            this.cluster = name;
            return this;
        }

        /**
         * Some nodes to connect to ({@code host} or {@code host:port}); the others are found through them.
         *
         * @param addresses at least one
         * @return this
         */
        public Builder members(String... addresses) {
            return members(Arrays.asList(addresses));
        }

        /**
         * Some nodes to connect to ({@code host} or {@code host:port}); the others are found through them.
         *
         * @param addresses at least one
         * @return this
         */
        public Builder members(List<String> addresses) {
            if (addresses.isEmpty()) {
                throw new IllegalArgumentException("give at least one member address, e.g. 10.0.0.5:5701");
            }
            this.members = new ArrayList<>(addresses);
            return this;
        }

        /**
         * The cluster of a {@link LocalCluster}: its name and its members' addresses.
         *
         * @param local a started local cluster
         * @return this
         */
        public Builder cluster(LocalCluster local) {
            return cluster(local.name()).members(local.addresses());
        }

        /**
         * How many times a task runs again when its node is lost before answering (default 2; 0: never again).
         *
         * @param retries at least 0
         * @return this
         */
        public Builder maxRetries(int retries) {
            if (retries < 0) {
                throw new IllegalArgumentException("maxRetries must be at least 0, not " + retries);
            }
            this.maxRetries = retries;
            return this;
        }

        /**
         * The longest a task may run on its node: then its worker JVM is killed and the task fails with
         * {@link io.github.multiprocessing4j.exception.TaskTimeoutException}. Default: no limit.
         *
         * @param limit positive
         * @return this
         */
        public Builder taskTimeout(Duration limit) {
            if (limit.isNegative() || limit.isZero()) {
                throw new IllegalArgumentException("the task timeout must be positive, not " + limit);
            }
            this.timeout = limit;
            return this;
        }

        /**
         * Connects to the cluster as a Hazelcast client.
         *
         * @return the pool
         * @throws IllegalStateException when no node of the cluster answers within the connect timeout
         */
        public ClusterPool build() {
            if (cluster == null) {
                throw new IllegalArgumentException("name the cluster: builder().cluster(\"name\")");
            }
            try {
                return new ClusterPool(this);
            } catch (RuntimeException e) {
                throw new IllegalStateException("cannot connect to cluster " + cluster + " at " + members + ": " + e,
                        e);
            }
        }
    }

    /**
     * Runs {@code function(argument)} on some node and waits for the result (Python: {@code apply}).
     *
     * @param function the function
     * @param argument its argument
     * @param <T> the argument type
     * @param <R> the result type
     * @return the result
     * @throws InterruptedException when interrupted while waiting (the task is cancelled on its node)
     */
    @Override
    public <T, R> R apply(SerializableFunction<T, R> function, T argument) throws InterruptedException {
        return applyAsync(function, argument).get();
    }

    /**
     * Runs {@code task} on some node and waits for the result.
     *
     * @param task the task
     * @param <R> the result type
     * @return the result
     * @throws InterruptedException when interrupted while waiting
     */
    @Override
    public <R> R apply(SerializableCallable<R> task) throws InterruptedException {
        return applyAsync(task).get();
    }

    /**
     * Runs {@code task} on some node (the form {@link ClusterExecutor} uses).
     *
     * @param task the task
     * @param <R> the result type
     * @return its pending result
     */
    @Override
    public <R> AsyncResult<R> applyAsync(SerializableCallable<R> task) {
        Objects.requireNonNull(task, "task");
        return applyAsync(new CallableFunction<>(task), null);
    }

    /**
     * Runs {@code function(argument)} on some node (Python: {@code apply_async}).
     *
     * @param function the function
     * @param argument its argument
     * @param <T> the argument type
     * @param <R> the result type
     * @return its pending result; {@code cancel(true)} stops it on its node
     */
    @Override
    public <T, R> AsyncResult<R> applyAsync(SerializableFunction<T, R> function, T argument) {
        Objects.requireNonNull(function, "function");
        byte[] encoded = encode(function, "the function of applyAsync");
        List<Object> one = new ArrayList<>(1);
        one.add(argument);
        Dispatcher.Job job = dispatcher.submit(new NodeTask(encoded, encode(one, "the argument of applyAsync"),
                timeoutNanos), 1);
        CompletableFuture<R> single = job.result.thenApply(ClusterPool::first);
        return AsyncResult.of(single, job::cancel);
    }

    @SuppressWarnings("unchecked")
    private static <R> R first(List<?> results) {
        return (R) results.get(0);
    }

    /**
     * Applies {@code function} to every input on the cluster's nodes and returns the results in input order
     * (Python: {@code map}). The inputs go in chunks of about a quarter of the inputs per worker JVM of the cluster.
     *
     * @param function the function
     * @param inputs the inputs
     * @param <T> the input type
     * @param <R> the result type
     * @return the results, in order
     * @throws InterruptedException when interrupted while waiting (the map is cancelled on the nodes)
     */
    @Override
    public <T, R> List<R> map(SerializableFunction<T, R> function, Iterable<? extends T> inputs)
            throws InterruptedException {
        return mapAsync(function, inputs, 0).get();
    }

    /**
     * As {@link #map(SerializableFunction, Iterable)} with chunks of {@code chunksize} inputs.
     *
     * @param function the function
     * @param inputs the inputs
     * @param chunksize inputs per task sent to a node, at least 1
     * @param <T> the input type
     * @param <R> the result type
     * @return the results, in order
     * @throws InterruptedException when interrupted while waiting
     */
    @Override
    public <T, R> List<R> map(SerializableFunction<T, R> function, Iterable<? extends T> inputs, int chunksize)
            throws InterruptedException {
        if (chunksize < 1) {
            throw new IllegalArgumentException("chunksize must be at least 1, not " + chunksize);
        }
        return mapAsync(function, inputs, chunksize).get();
    }

    /**
     * Starts a map (Python: {@code map_async}); the first failing input, in input order, fails the whole map and
     * cancels the rest.
     *
     * @param function the function
     * @param inputs the inputs
     * @param <T> the input type
     * @param <R> the result type
     * @return the pending results, in order
     */
    @Override
    public <T, R> AsyncResult<List<R>> mapAsync(SerializableFunction<T, R> function, Iterable<? extends T> inputs) {
        return mapAsync(function, inputs, 0);
    }

    /**
     * As {@link #mapAsync(SerializableFunction, Iterable)} with chunks of {@code chunksize} inputs (0: the default).
     *
     * @param function the function
     * @param inputs the inputs
     * @param chunksize inputs per task sent to a node; 0 for about a quarter of the inputs per worker JVM
     * @param <T> the input type
     * @param <R> the result type
     * @return the pending results, in order
     */
    public <T, R> AsyncResult<List<R>> mapAsync(SerializableFunction<T, R> function, Iterable<? extends T> inputs,
            int chunksize) {
        if (chunksize < 0) {
            throw new IllegalArgumentException("chunksize must be at least 1 (or 0 for the default), not "
                    + chunksize);
        }
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(inputs, "inputs");
        List<Object> all = new ArrayList<>();
        inputs.forEach(all::add);
        int size = chunksize > 0 ? chunksize
                : Math.max(1, (all.size() + 4 * dispatcher.totalProcesses() - 1) / (4 * Math.max(1,
                        dispatcher.totalProcesses())));
        byte[] encoded = encode(function, "the function of map");
        List<Dispatcher.Job> jobs = new ArrayList<>();
        for (int from = 0; from < all.size(); from += size) {
            List<Object> chunk = new ArrayList<>(all.subList(from, Math.min(all.size(), from + size)));
            jobs.add(dispatcher.submit(new NodeTask(encoded, encode(chunk, "an input of map"), timeoutNanos),
                    chunk.size()));
        }
        CompletableFuture<List<R>> whole = new CompletableFuture<>();
        CompletableFuture.allOf(jobs.stream().map(j -> j.result).toArray(CompletableFuture[]::new))
                .whenComplete((ignored, error) -> collect(jobs, whole));
        for (Dispatcher.Job job : jobs) {
            // the first failure in input order decides; the others are cancelled on their nodes
            job.result.whenComplete((ignored, error) -> {
                if (error != null && !(error instanceof CancellationException)) {
                    jobs.forEach(other -> other.cancel(true));
                }
            });
        }
        return AsyncResult.of(whole, interrupt -> {
            boolean any = false;
            for (Dispatcher.Job job : jobs) {
                any |= job.cancel(interrupt);
            }
            return whole.cancel(interrupt) || any;
        });
    }

    @SuppressWarnings("unchecked")
    private static <R> void collect(List<Dispatcher.Job> jobs, CompletableFuture<List<R>> whole) {
        List<R> out = new ArrayList<>();
        Throwable cancelled = null;
        for (Dispatcher.Job job : jobs) {
            try {
                out.addAll((List<R>) job.result.join());
            } catch (CancellationException e) {
                cancelled = cancelled == null ? e : cancelled;
            } catch (CompletionException e) {
                whole.completeExceptionally(e.getCause());
                return;
            }
        }
        if (cancelled != null) {
            whole.completeExceptionally(cancelled);
        } else {
            whole.complete(out);
        }
    }

    private byte[] encode(Object value, String what) {
        Codec.Encoded encoded = Codec.encode(value, what);
        allowList.learn(encoded.packages());
        return encoded.bytes();
    }

    /**
     * How many inputs ran again on another node because their node was lost before answering.
     *
     * @return a count since this pool was built
     */
    public long inputsRunAgain() {
        return dispatcher.inputsRunAgain();
    }

    /**
     * How many inputs have their result back here (successfully), over all calls.
     *
     * @return a count since this pool was built
     */
    public long inputsDone() {
        return dispatcher.inputsDone();
    }

    /**
     * The worker JVMs of all nodes now in the cluster.
     *
     * @return their count
     */
    public int processes() {
        return dispatcher.totalProcesses();
    }

    /**
     * The nodes now in the cluster.
     *
     * @return their count
     */
    public int nodes() {
        return client.getCluster().getMembers().size();
    }

    /**
     * A queue shared by everyone connected to this cluster, by name (created on first use).
     *
     * @param name the cluster-wide name
     * @param <T> the item type
     * @return the queue
     */
    public <T> ClusterQueue<T> queue(String name) {
        return new ClusterQueue<>(client.getQueue("mp4j-queue-" + name), new ClusterValues(allowList));
    }

    /**
     * A joinable queue shared by everyone connected to this cluster, by name (created on first use; a namespace of
     * its own, apart from {@link #queue(String)}'s).
     *
     * @param name the cluster-wide name
     * @param <T> the item type
     * @return the queue
     */
    public <T> ClusterJoinableQueue<T> joinableQueue(String name) {
        return new ClusterJoinableQueue<>(client.getQueue("mp4j-joinable-" + name), new ClusterValues(allowList),
                new ClusterLongValue(client.getMap("mp4j-unfinished"), name));
    }

    /**
     * A list shared by everyone connected to this cluster, by name (created empty on first use).
     *
     * @param name the cluster-wide name
     * @param <T> the item type
     * @return the list
     */
    public <T> ClusterList<T> list(String name) {
        return new ClusterList<>(client.getList("mp4j-list-" + name), new ClusterValues(allowList));
    }

    /**
     * A dict shared by everyone connected to this cluster, by name (created on first use).
     *
     * @param name the cluster-wide name
     * @param <K> the key type
     * @param <V> the value type
     * @return the dict
     */
    public <K, V> ClusterDict<K, V> dict(String name) {
        return new ClusterDict<>(client.getMap("mp4j-dict-" + name), new ClusterValues(allowList));
    }

    /**
     * A lock shared by everyone connected to this cluster, by name; read {@link ClusterLock} for what it promises.
     *
     * @param name the cluster-wide name
     * @return the lock
     */
    public ClusterLock lock(String name) {
        return new ClusterLock(client.getMap("mp4j-locks"), name);
    }

    /**
     * An event flag shared by everyone connected to this cluster, by name.
     *
     * @param name the cluster-wide name
     * @return the event
     */
    public ClusterEvent event(String name) {
        return new ClusterEvent(client.getMap("mp4j-events"), name);
    }

    /**
     * A {@code long} shared by everyone connected to this cluster, by name (0 until first set).
     *
     * @param name the cluster-wide name
     * @return the value
     */
    public ClusterLongValue longValue(String name) {
        return new ClusterLongValue(client.getMap("mp4j-values"), name);
    }

    /**
     * A semaphore shared by everyone connected to this cluster, by name; read {@link ClusterSemaphore} for what it
     * promises.
     *
     * @param name the cluster-wide name
     * @param value its permits when it is first created in the cluster (ignored when it exists), at least 0
     * @return the semaphore
     */
    public ClusterSemaphore semaphore(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException("a semaphore's initial value must be at least 0, not " + value);
        }
        return new ClusterSemaphore(new ClusterLongValue(client.getMap("mp4j-semaphores"), name, value));
    }

    /**
     * A value of any type the codec carries, shared by everyone connected to this cluster, by name (null until
     * first set).
     *
     * @param name the cluster-wide name
     * @param <T> the value type
     * @return the value
     */
    public <T> ClusterValue<T> value(String name) {
        return new ClusterValue<>(client.getMap("mp4j-objects"), new ClusterValues(allowList), name);
    }

    /** Cancels what is pending here (the nodes stop those tasks) and disconnects; the nodes go on. */
    @Override
    public void close() {
        dispatcher.close();
        client.shutdown();
    }

    /** A callable as a function of an ignored input, so that one task form crosses for both. */
    static final class CallableFunction<R> implements SerializableFunction<Object, R> {
        private static final long serialVersionUID = 1L;
        private final SerializableCallable<R> task;

        CallableFunction(SerializableCallable<R> task) {
            this.task = task;
        }

        @Override
        public R apply(Object ignored) throws Exception {
            return task.call();
        }
    }
}
