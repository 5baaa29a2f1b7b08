package io.github.multiprocessing4j.examples;

import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.shm.IntValue;
import io.github.multiprocessing4j.shm.Value;
import io.github.multiprocessing4j.sync.Lock;
import java.util.ArrayList;
import java.util.List;

/** Example {@code shared-counter}: 4 children each add 1 to a shared Value 10,000 times under its lock. */
final class SharedCounter {
    private SharedCounter() {
    }

    @SuppressWarnings("try") // the held lock is released by the try, not used in it
    static void addMany(IntValue counter) throws InterruptedException {
        for (int i = 0; i < 10_000; i++) {
            try (Lock.Held held = counter.getLock().hold()) {   // Python: with counter.get_lock():
                counter.set(counter.get() + 1);                  //     counter.value += 1
            }
        }
    }

    static void run() throws InterruptedException {
        try (IntValue counter = Value.ofInt(0)) {
            List<Process> workers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Process p = new Process(SharedCounter::addMany, counter);
                p.start();
                workers.add(p);
            }
            for (Process p : workers) {
                p.join();
            }
            System.out.println("total=" + counter.get());
        }
    }
}
