package io.github.multiprocessing4j.examples;

import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.ipc.Client;
import io.github.multiprocessing4j.ipc.Connection;
import io.github.multiprocessing4j.ipc.Listener;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Example {@code listener}: a {@link Listener} with an authkey and two clients in child processes, each sending
 * {@code ping}; prints {@code received=ping,ping}.
 */
final class ListenerClients {
    private static final byte[] KEY = "example secret".getBytes(StandardCharsets.UTF_8);

    private ListenerClients() {
    }

    static void ping(String socket) throws InterruptedException {
        try (Connection conn = Client.connect(UnixDomainSocketAddress.of(socket), KEY)) {
            conn.send("ping");
            conn.recv(); // wait until the listener has read it
        }
    }

    private static void closeWhenEnded(List<Process> clients, Listener listener) {
        try {
            for (Process p : clients) {
                p.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        listener.close();
    }

    static void run() throws InterruptedException {
        try (Listener listener = new Listener(null, KEY)) {
            String socket = ((UnixDomainSocketAddress) listener.address()).getPath().toString();
            List<Process> clients = List.of(new Process(ListenerClients::ping, socket),
                    new Process(ListenerClients::ping, socket));
            clients.forEach(Process::start);
            // a client that dies before connecting must not leave accept() waiting for ever
            Thread watcher = new Thread(() -> closeWhenEnded(clients, listener));
            watcher.setDaemon(true);
            watcher.start();
            List<String> received = new ArrayList<>();
            for (int i = 0; i < clients.size(); i++) {
                try (Connection conn = listener.accept()) {
                    received.add((String) conn.recv());
                    conn.send("ok");
                }
            }
            for (Process p : clients) {
                p.join();
            }
            System.out.println("received=" + String.join(",", received));
        }
    }
}
