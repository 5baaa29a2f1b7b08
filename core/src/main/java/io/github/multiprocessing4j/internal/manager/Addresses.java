package io.github.multiprocessing4j.internal.manager;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;

/** A socket address as a string that crosses processes ({@code unix:/path}, {@code tcp:host:port}) and back. */
public final class Addresses {
    private Addresses() {
    }

    /**
     * The portable form of an address.
     *
     * @param address a Unix or TCP address
     * @return its string form
     */
    public static String format(SocketAddress address) {
        if (address instanceof UnixDomainSocketAddress) {
            return "unix:" + ((UnixDomainSocketAddress) address).getPath();
        }
        InetSocketAddress inet = (InetSocketAddress) address;
        return "tcp:" + inet.getHostString() + ":" + inet.getPort();
    }

    /**
     * The address a string names.
     *
     * @param text what {@link #format} made
     * @return the address
     */
    public static SocketAddress parse(String text) {
        if (text.startsWith("unix:")) {
            return UnixDomainSocketAddress.of(text.substring(5));
        }
        int colon = text.lastIndexOf(':');
        return new InetSocketAddress(text.substring(4, colon), Integer.parseInt(text.substring(colon + 1)));
    }
}
