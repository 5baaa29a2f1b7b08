package io.github.multiprocessing4j.internal.wire;

import io.github.multiprocessing4j.exception.AuthenticationException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The authkey challenge of a Listener/Client connection (Python's {@code deliver_challenge} and
 * {@code answer_challenge}), run in both directions before anything else is read: one side sends 32 random bytes
 * ({@link FrameType#AUTH_CHALLENGE}), the other answers their HMAC-SHA256 under the key
 * ({@link FrameType#AUTH_RESPONSE}), the first compares in constant time and says whether it matched
 * ({@link FrameType#AUTH_RESULT}). The accepting side challenges first. Each frame read here is at most
 * {@value #MAX_FRAME} bytes and the whole exchange must end within the deadline, so that a silent or hostile
 * peer costs neither memory nor a thread for ever. Exactly the handshake's bytes are read: what the peer sends
 * after it stays in the socket.
 */
public final class Challenge {
    private static final int NONCE = 32;
    private static final int MAX_FRAME = 64;
    private static final int HEADER = 5;

    private final SocketChannel channel;
    private final byte[] key;
    private final long deadline;

    private Challenge(SocketChannel channel, byte[] key, long timeoutMillis) {
        this.channel = channel;
        this.key = key.clone();
        this.deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
    }

    /**
     * Runs the accepting side: challenges the peer, then answers its challenge. The channel is blocking again
     * afterwards.
     *
     * @throws AuthenticationException when either side's key is wrong, or the peer is too slow
     * @throws IOException when the connection fails
     */
    public static void accepting(SocketChannel channel, byte[] key, long timeoutMillis) throws IOException {
        new Challenge(channel, key, timeoutMillis).run(true);
    }

    /**
     * Runs the connecting side: answers the peer's challenge, then challenges it.
     *
     * @throws AuthenticationException when either side's key is wrong, or the peer is too slow
     * @throws IOException when the connection fails
     */
    public static void connecting(SocketChannel channel, byte[] key, long timeoutMillis) throws IOException {
        new Challenge(channel, key, timeoutMillis).run(false);
    }

    private void run(boolean deliverFirst) throws IOException {
        channel.configureBlocking(false);
        try (Selector selector = Selector.open()) {
            channel.register(selector, 0);
            if (deliverFirst) {
                deliver(selector);
                answer(selector);
            } else {
                answer(selector);
                deliver(selector);
            }
            channel.keyFor(selector).cancel();
            selector.selectNow();
        } finally {
            if (channel.isOpen()) {
                channel.configureBlocking(true);
            }
        }
    }

    private void deliver(Selector selector) throws IOException {
        byte[] nonce = new byte[NONCE];
        new SecureRandom().nextBytes(nonce);
        write(selector, FrameType.AUTH_CHALLENGE, nonce);
        byte[] response = read(selector, FrameType.AUTH_RESPONSE);
        boolean ok = MessageDigest.isEqual(hmac(nonce), response);
        write(selector, FrameType.AUTH_RESULT, new byte[] {(byte) (ok ? 1 : 0)});
        if (!ok) {
            throw new AuthenticationException("the peer did not prove the authkey (digest received was wrong):"
                    + " peer=" + peer() + "; give both sides the same authkey");
        }
    }

    private void answer(Selector selector) throws IOException {
        byte[] nonce = read(selector, FrameType.AUTH_CHALLENGE);
        if (nonce.length != NONCE) {
            throw new AuthenticationException("the peer sent a malformed challenge: size=" + nonce.length
                    + ", peer=" + peer());
        }
        write(selector, FrameType.AUTH_RESPONSE, hmac(nonce));
        byte[] result = read(selector, FrameType.AUTH_RESULT);
        if (result.length != 1 || result[0] != 1) {
            throw new AuthenticationException("the peer refused our authkey (digest sent was rejected): peer="
                    + peer() + "; give both sides the same authkey");
        }
    }

    private byte[] hmac(byte[] nonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(nonce);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private void write(Selector selector, FrameType type, byte[] payload) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(HEADER + payload.length);
        buffer.putInt(payload.length).put(type.tag()).put(payload).flip();
        while (buffer.hasRemaining()) {
            if (channel.write(buffer) == 0) {
                waitFor(selector, SelectionKey.OP_WRITE);
            }
        }
    }

    private byte[] read(Selector selector, FrameType expected) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        fill(selector, header);
        int length = header.getInt(0);
        if (header.get(4) != expected.tag() || length < 0 || length > MAX_FRAME) {
            throw new AuthenticationException("the peer did not follow the authentication protocol: expected="
                    + expected + ", tag=" + header.get(4) + ", length=" + length + ", peer=" + peer()
                    + " (is it a multiprocessing4j Listener/Client with an authkey?)");
        }
        ByteBuffer payload = ByteBuffer.allocate(length);
        fill(selector, payload);
        return payload.array();
    }

    private void fill(Selector selector, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer);
            if (n < 0) {
                throw new AuthenticationException("the peer closed the connection during authentication: peer="
                        + peer() + " (a wrong authkey on its side?)");
            }
            if (n == 0) {
                waitFor(selector, SelectionKey.OP_READ);
            }
        }
    }

    private void waitFor(Selector selector, int op) throws IOException {
        long left = (deadline - System.nanoTime()) / 1_000_000L;
        if (left <= 0) {
            throw new AuthenticationException("the peer did not finish authentication in time: peer=" + peer());
        }
        SelectionKey key = channel.keyFor(selector);
        key.interestOps(op);
        selector.select(left);
        selector.selectedKeys().clear();
        key.interestOps(0);
    }

    private String peer() {
        try {
            Object address = channel.getRemoteAddress();
            return address == null || address.toString().isEmpty() ? "local" : address.toString();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
