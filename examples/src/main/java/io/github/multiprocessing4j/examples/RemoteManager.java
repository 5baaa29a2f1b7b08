package io.github.multiprocessing4j.examples;

import io.github.multiprocessing4j.exception.AuthenticationException;
import io.github.multiprocessing4j.manager.ManagedValue;
import io.github.multiprocessing4j.manager.SyncManager;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Example {@code remote-manager}: a manager serves a counter on a TCP loopback port with an authkey; two separate
 * client JVMs (started with {@code java}, not as children) connect with the right key and each increments the
 * counter 1000 times, a third connects with a wrong key and is refused; prints
 * {@code authenticated=2 refused=1 counter=2000}.
 */
final class RemoteManager {
    private static final String KEY = "remote example secret";

    private RemoteManager() {
    }

    /** A client JVM: {@code remote-manager-client PORT KEY}; prints {@code authenticated} or {@code refused}. */
    static void client(String port, String key) {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(port));
        SyncManager manager = new SyncManager(address, key.getBytes(StandardCharsets.UTF_8));
        manager.register("counter", a -> Counter.SHARED, ManagedValue.class);
        try {
            manager.connect();
        } catch (AuthenticationException e) {
            System.out.println("refused");
            return;
        }
        ManagedValue<Integer> counter = manager.create("counter");
        for (int i = 0; i < 1000; i++) {
            counter.getAndAdd(1);
        }
        System.out.println("authenticated");
    }

    static void run() throws Exception {
        // a manager's address is fixed before it starts: take a free port first
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        SyncManager manager = new SyncManager(address, KEY.getBytes(StandardCharsets.UTF_8));
        // as Python's register('get_counter', callable=lambda: counter): every caller gets the one counter
        manager.register("counter", a -> Counter.SHARED, ManagedValue.class);
        try (manager) {
            manager.start();
            ManagedValue<Integer> counter = manager.create("counter");
            List<java.lang.Process> clients = new ArrayList<>();
            for (String key : List.of(KEY, KEY, "wrong key")) {
                clients.add(new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", System.getProperty("java.class.path"), Examples.class.getName(),
                        "remote-manager-client", Integer.toString(port), key).redirectErrorStream(true).start());
            }
            int authenticated = 0;
            int refused = 0;
            for (java.lang.Process client : clients) {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(client.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        authenticated += line.equals("authenticated") ? 1 : 0;
                        refused += line.equals("refused") ? 1 : 0;
                    }
                }
                client.waitFor();
            }
            System.out.println("authenticated=" + authenticated + " refused=" + refused + " counter="
                    + counter.get());
        }
    }

    /** The managed counter: one value shared by every client. */
    static final class Counter implements ManagedValue<Integer> {
        /** The one counter, in the manager's process. */
        static final Counter SHARED = new Counter();
        private int value;

        @Override
        public Integer get() {
            synchronized (this) {
                return value;
            }
        }

        @Override
        public void set(Integer v) {
            synchronized (this) {
                value = v;
            }
        }

        @Override
        public Integer getAndAdd(long delta) {
            synchronized (this) {
                int before = value;
                value += (int) delta;
                return before;
            }
        }
    }
}
