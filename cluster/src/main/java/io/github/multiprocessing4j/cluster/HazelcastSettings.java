package io.github.multiprocessing4j.cluster;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.ExecutorConfig;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.SerializationConfig;
import java.util.List;

/**
 * The Hazelcast settings of a node (member) and of a program (client), written once: phone-home off, multicast
 * off (members named explicitly), Hazelcast's own shutdown hook off, failure detection in seconds, and Java
 * serialization refused for everything but Hazelcast's and the JDK's own classes (the library's values cross as
 * bytes of its own codec, checked against its allow-list).
 */
final class HazelcastSettings {
    /** The executor that carries {@link NodeTask}s. */
    static final String EXECUTOR = "mp4j-tasks";
    /** The member attribute that tells clients how many worker JVMs a node runs. */
    static final String PROCESSES_ATTRIBUTE = "mp4j.processes";

    private HazelcastSettings() {
    }

    static Config member(String cluster, List<String> members, int port, String bindInterface, int processes) {
        Config config = new Config();
        config.setClusterName(cluster);
        common(config.getProperties());
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "6");
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
        config.setProperty("hazelcast.initial.min.cluster.size", "1");
        // a program (client) that dies releases its locks within seconds, not a minute
        config.setProperty("hazelcast.client.max.no.heartbeat.seconds", "10");
        config.setProperty("hazelcast.client.cleanup.timeout.millis", "3000");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.socket.bind.any", bindInterface == null ? "true" : "false");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(port).setPortAutoIncrement(true).setPortCount(20);
        if (bindInterface != null) {
            network.getInterfaces().setEnabled(true).addInterface(bindInterface);
        }
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(members).setConnectionTimeoutSeconds(2);
        config.getMemberAttributeConfig().setAttribute(PROCESSES_ATTRIBUTE, Integer.toString(processes));
        // the executor's threads wait for the local pool: more of them than workers keeps the pool busy
        config.addExecutorConfig(new ExecutorConfig(EXECUTOR).setPoolSize(Math.max(4, 2 * processes + 2))
                .setStatisticsEnabled(false));
        serialization(config.getSerializationConfig());
        return config;
    }

    static ClientConfig client(String cluster, List<String> members, long connectTimeoutMillis) {
        ClientConfig config = new ClientConfig();
        config.setClusterName(cluster);
        common(config.getProperties());
        config.setProperty("hazelcast.client.heartbeat.interval", "1000");
        config.setProperty("hazelcast.client.heartbeat.timeout", "6000");
        config.setProperty("hazelcast.client.invocation.timeout.seconds", "30");
        config.getNetworkConfig().setAddresses(members).setRedoOperation(false);
        config.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(connectTimeoutMillis)
                .setInitialBackoffMillis(100).setMaxBackoffMillis(1000);
        serialization(config.getSerializationConfig());
        return config;
    }

    private static void common(java.util.Properties properties) {
        properties.setProperty("hazelcast.phone.home.enabled", "false");
        properties.setProperty("hazelcast.shutdownhook.enabled", "false");
        properties.setProperty("hazelcast.logging.type", "jdk");
    }

    private static void serialization(SerializationConfig config) {
        config.addDataSerializableFactory(ClusterSerialization.FACTORY_ID, new ClusterSerialization());
        JavaSerializationFilterConfig filter = new JavaSerializationFilterConfig().setDefaultsDisabled(false);
        filter.getWhitelist().addPrefixes("com.hazelcast.", "java.");
        config.setJavaSerializationFilterConfig(filter);
    }
}
