/**
 * The same pool across machines: worker nodes ({@link io.github.multiprocessing4j.cluster.Worker}) on Hazelcast's
 * open-source edition, each running its tasks in a local pool of worker JVMs; in the program a
 * {@link io.github.multiprocessing4j.cluster.ClusterPool} (Pool's API, and {@code TaskPool} as Pool is), a
 * {@link io.github.multiprocessing4j.cluster.ClusterExecutor} (an {@code ExecutorService}) and cluster-wide
 * queues, joinable queues, dicts, lists, locks, semaphores, events and values;
 * {@link io.github.multiprocessing4j.cluster.LocalCluster} for tests and demos on one machine.
 *
 * <p>What crosses between machines: the bytes of the library's codec only, decoded through the allow-list on each
 * side. What happens when a node dies: its unanswered tasks run again elsewhere, up to {@code maxRetries} times.
 * There is no TLS and no authentication: run nodes on a private network.
 */
package io.github.multiprocessing4j.cluster;
