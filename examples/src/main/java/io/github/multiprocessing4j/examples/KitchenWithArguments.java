package io.github.multiprocessing4j.examples;

import io.github.multiprocessing4j.Process;
import java.util.Map;

/** Example {@code args}: targets with arguments, by position ({@code args}) and by name ({@code kwargs}). */
final class KitchenWithArguments {
    private KitchenWithArguments() {
    }

    static void cook(int num) throws InterruptedException {
        for (int i = 0; i < num; i++) {
            System.out.println("做饭...");
            Thread.sleep(500);
        }
    }

    static void wash(int num) throws InterruptedException {
        for (int i = 0; i < num; i++) {
            System.out.println("洗衣服...");
            Thread.sleep(500);
        }
    }

    static void run() throws InterruptedException {
        // Process(target=cook, args=(4,))
        Process cookProcess = new Process(KitchenWithArguments::cook, 4);
        Process washProcess = new Process(KitchenWithArguments::wash, 3);
        cookProcess.start();
        washProcess.start();
        cookProcess.join();
        washProcess.join();

        System.out.println("-- kwargs={\"num\": 2}");
        // Process(target=cook, kwargs={"num": 2})
        Process cookByName = new Process(KitchenWithArguments::cook).kwargs(Map.of("num", 2));
        Process washByName = new Process(KitchenWithArguments::wash).kwargs(Map.of("num", 2));
        cookByName.start();
        washByName.start();
    }
}
