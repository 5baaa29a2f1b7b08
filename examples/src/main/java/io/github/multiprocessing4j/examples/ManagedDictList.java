package io.github.multiprocessing4j.examples;

import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.manager.SyncManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Example {@code manager}: four processes each add 1000 distinct keys to one managed dict and 1000 items to one
 * managed list; prints {@code dict=4000 list=4000}. The proxies cross to the children as arguments and reconnect
 * there with the authkey the children inherit.
 */
final class ManagedDictList {
    private ManagedDictList() {
    }

    static void fill(Map<String, Integer> dict, List<Integer> list, Integer worker) {
        for (int i = 0; i < 1000; i++) {
            dict.put(worker + ":" + i, i);
            list.add(worker * 1000 + i);
        }
    }

    static void run() throws InterruptedException {
        try (SyncManager manager = new SyncManager().start()) {
            Map<String, Integer> dict = manager.dict();
            List<Integer> list = manager.list();
            List<Process> workers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                Process p = new Process(ManagedDictList::fill, dict, list, w);
                p.start();
                workers.add(p);
            }
            for (Process p : workers) {
                p.join();
            }
            System.out.println("dict=" + dict.size() + " list=" + list.size());
        }
    }
}
