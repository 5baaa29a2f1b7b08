package io.github.multiprocessing4j.ipc;

import io.github.multiprocessing4j.exception.AuthenticationException;
import io.github.multiprocessing4j.internal.runtime.JvmRuntime;
import io.github.multiprocessing4j.internal.wire.Challenge;
import io.github.multiprocessing4j.internal.wire.FramedSocket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.Objects;

/**
 * Connects to a {@link Listener} (Python: {@code multiprocessing.connection.Client}). The connection proves the
 * authkey in both directions before any message is read, so nothing from a peer with another key is ever
 * deserialized; a wrong key throws {@link AuthenticationException} here and in the listener's {@code accept}.
 * Connecting waits at most 10 s for the handshake. The connection returned cannot be sent to another process:
 * send the address and connect there.
 */
public final class Client {
    private static final long HANDSHAKE_MILLIS = 10_000;

    private Client() {
    }

    /**
     * Connects with this process's authkey ({@code Multiprocessing.authkey()}, inherited from the parent in a
     * child).
     *
     * @param address the listener's address
     * @return the authenticated connection
     * @throws AuthenticationException when the listener holds another key
     * @throws UncheckedIOException when nobody listens there
     */
    public static Connection connect(SocketAddress address) {
        return connect(address, JvmRuntime.get().authkey());
    }

    /**
     * Connects with an authkey (Python: {@code Client(address, authkey=key)}).
     *
     * @param address a {@link UnixDomainSocketAddress} or an {@link InetSocketAddress}
     * @param authkey the listener's key; not empty
     * @return the authenticated connection
     * @throws AuthenticationException when the listener holds another key
     * @throws UncheckedIOException when nobody listens there
     */
    public static Connection connect(SocketAddress address, byte[] authkey) {
        Objects.requireNonNull(address, "address");
        byte[] key = Listener.checkKey(authkey);
        SocketChannel channel = null;
        try {
            if (address instanceof UnixDomainSocketAddress) {
                channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            } else if (address instanceof InetSocketAddress) {
                channel = SocketChannel.open();
                channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
            } else {
                throw new IllegalArgumentException("a Client connects to a UnixDomainSocketAddress or an"
                        + " InetSocketAddress: address=" + address + ", type=" + address.getClass().getName());
            }
            channel.connect(address);
            Challenge.connecting(channel, key, HANDSHAKE_MILLIS);
            return new SocketConnection(FramedSocket.of(channel), "client of " + address);
        } catch (IOException e) {
            close(channel);
            throw new UncheckedIOException("cannot connect: address=" + address + ", error=" + e.getMessage(), e);
        } catch (RuntimeException e) {
            close(channel);
            throw e;
        }
    }

    private static void close(SocketChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // refusing the connection anyway
            }
        }
    }
}
