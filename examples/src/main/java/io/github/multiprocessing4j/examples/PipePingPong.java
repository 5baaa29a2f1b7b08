package io.github.multiprocessing4j.examples;

import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.ipc.Connection;
import io.github.multiprocessing4j.ipc.Pipe;

/**
 * Example {@code pipe}: the main process and a child talk over the two ends of a {@link Pipe}: the child answers
 * each message it receives until it receives {@code "bye"}.
 */
final class PipePingPong {
    private PipePingPong() {
    }

    static void answer(Connection conn) throws InterruptedException {
        for (Object message = conn.recv(); !"bye".equals(message); message = conn.recv()) {
            conn.send("pong " + message);
        }
    }

    static void run() throws InterruptedException {
        try (Pipe pipe = Pipe.open()) {
            Process child = new Process(PipePingPong::answer, pipe.conn2());
            child.start();
            for (int i = 1; i <= 3; i++) {
                pipe.conn1().send(i);
                System.out.println(pipe.conn1().recv());
            }
            pipe.conn1().send("bye");
            child.join();
        }
    }
}
