package io.github.multiprocessing4j.cluster;

import io.github.multiprocessing4j.exception.SerializationFailedException;
import io.github.multiprocessing4j.internal.codec.AllowList;
import io.github.multiprocessing4j.internal.codec.Codec;
import java.io.IOException;

/**
 * Values of the cluster-wide collections as bytes of the library's codec: encoded here (teaching this JVM's
 * allow-list the packages it sends), decoded through the allow-list, so Hazelcast only ever stores byte arrays.
 */
final class ClusterValues {
    private final AllowList allowList;

    ClusterValues(AllowList allowList) {
        this.allowList = allowList;
    }

    byte[] encode(Object value, String what) {
        Codec.Encoded encoded = Codec.encode(value, what);
        allowList.learn(encoded.packages());
        return encoded.bytes();
    }

    @SuppressWarnings("unchecked")
    <T> T decode(byte[] bytes, String what) {
        if (bytes == null) {
            return null;
        }
        try {
            return (T) Codec.decode(bytes, allowList);
        } catch (IOException | ClassNotFoundException e) {
            throw new SerializationFailedException("cannot read " + what + " from the cluster: " + e.getMessage(), e);
        }
    }
}
