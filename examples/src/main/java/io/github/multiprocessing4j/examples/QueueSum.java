package io.github.multiprocessing4j.examples;

import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.ipc.Queue;

/** Example {@code queue}: a producer child puts 0..99999 on a Queue; a consumer child sums them. */
final class QueueSum {
    static final int COUNT = 100_000;

    private QueueSum() {
    }

    static void produce(Queue<Integer> q) throws InterruptedException {
        for (int i = 0; i < COUNT; i++) {
            q.put(i);
        }
    }

    static void consume(Queue<Integer> q) throws InterruptedException {
        long sum = 0;
        for (int i = 0; i < COUNT; i++) {
            sum += q.get();
        }
        System.out.println(sum);
    }

    static void run() throws InterruptedException {
        try (Queue<Integer> q = new Queue<>()) {
            Process producer = new Process(QueueSum::produce, q);
            Process consumer = new Process(QueueSum::consume, q);
            producer.start();
            consumer.start();
            producer.join();
            consumer.join();
        }
    }
}
