package io.github.multiprocessing4j.internal.shm;

import io.github.multiprocessing4j.ipc.Queue;
import java.io.UncheckedIOException;

/**
 * A child JVM for {@link ShmBackingTest}: creates a queue of {@code args[0]} bytes and prints {@code created} or
 * the exception's class and message, then puts an item as large as the queue takes.
 */
public final class TooSmallShm {
    private TooSmallShm() {
    }

    public static void main(String[] args) throws Exception {
        try (Queue<byte[]> q = new Queue<>(0, Integer.parseInt(args[0]))) {
            System.out.println("created");
            q.put(new byte[Integer.parseInt(args[0]) - 128]); // about the ring's size: touches all its pages
            System.out.println("put");
        } catch (UncheckedIOException e) {
            System.out.println(e.getClass().getName() + ": " + e.getMessage());
        }
        System.out.flush();
    }
}
