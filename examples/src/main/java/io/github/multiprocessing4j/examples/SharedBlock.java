package io.github.multiprocessing4j.examples;

import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.shm.SharedMemory;
import java.nio.charset.StandardCharsets;

/**
 * Example {@code shared-memory}: the main process creates a block of shared memory (a name is generated); a child
 * attaches to it by name and writes into it; the main process reads what the child wrote, then unlinks the block.
 */
final class SharedBlock {
    private SharedBlock() {
    }

    static void write(String name) {
        try (SharedMemory shm = SharedMemory.attach(name)) {
            shm.buf().put(0, "hello from the child".getBytes(StandardCharsets.UTF_8));
        }
    }

    static void run() throws InterruptedException {
        try (SharedMemory shm = SharedMemory.create(64)) {
            Process child = new Process(SharedBlock::write, shm.name());
            child.start();
            child.join();
            byte[] text = new byte[20];
            shm.buf().get(0, text);
            System.out.println(new String(text, StandardCharsets.UTF_8));
            shm.unlink();
        }
    }
}
