package io.github.multiprocessing4j.cluster;

import io.github.multiprocessing4j.internal.codec.AllowList;
import io.github.multiprocessing4j.internal.codec.Codec;
import io.github.multiprocessing4j.internal.codec.ThrowableData;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * A node's answer to a {@link NodeTask}, as bytes: {@code 0} and the codec bytes of the results in input order, or
 * {@code 1}, the index of the input that failed and the exception in {@link ThrowableData}'s form (it keeps the
 * node's and the worker's frames). Decoded in the program through its allow-list.
 */
final class NodeReply {
    private static final byte SUCCESS = 0;
    private static final byte FAILURE = 1;

    private NodeReply() {
    }

    /** A decoded reply: the results, or the failed input's index and its exception. */
    record Decoded(List<?> results, int failedIndex, Throwable error) {
    }

    static byte[] success(List<Object> results) {
        byte[] body = Codec.encode(results, "the results of a cluster task").bytes();
        byte[] out = new byte[body.length + 1];
        out[0] = SUCCESS;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }

    static byte[] failure(int index, Throwable error) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(FAILURE);
            out.writeInt(index);
            out.write(ThrowableData.encode(error));
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Decoded decode(byte[] reply, AllowList allowList) throws IOException, ClassNotFoundException {
        if (reply == null || reply.length == 0) {
            throw new IOException("damaged reply from a node: empty");
        }
        if (reply[0] == SUCCESS) {
            return new Decoded((List<?>) Codec.decode(Arrays.copyOfRange(reply, 1, reply.length), allowList), -1,
                    null);
        }
        if (reply[0] != FAILURE || reply.length < 5) {
            throw new IOException("damaged reply from a node: tag " + reply[0]);
        }
        int index = ByteBuffer.wrap(reply, 1, 4).getInt();
        return new Decoded(null, index, ThrowableData.decode(Arrays.copyOfRange(reply, 5, reply.length), allowList));
    }
}
