package io.github.multiprocessing4j.cluster;

import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

/**
 * Creates the library's objects that Hazelcast itself carries (only {@link NodeTask}: its payload is the
 * library's codec bytes). Registered on nodes and clients by {@link HazelcastSettings}.
 */
final class ClusterSerialization implements DataSerializableFactory {
    static final int FACTORY_ID = 0x6d70346a; // "mp4j"
    static final int NODE_TASK = 1;

    @Override
    public IdentifiedDataSerializable create(int typeId) {
        return typeId == NODE_TASK ? new NodeTask() : null;
    }
}
