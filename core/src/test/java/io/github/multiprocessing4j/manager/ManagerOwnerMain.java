package io.github.multiprocessing4j.manager;

import java.net.UnixDomainSocketAddress;
import java.util.Map;

/** A JVM that starts a manager, prints {@code manager=PID socket=PATH}, then sleeps until killed. */
public final class ManagerOwnerMain {
    private ManagerOwnerMain() {
    }

    public static void main(String[] args) throws Exception {
        SyncManager manager = new SyncManager().start();
        Map<String, Integer> dict = manager.dict();
        dict.put("a", 1);
        System.out.println("manager=" + manager.process().pid() + " socket="
                + ((UnixDomainSocketAddress) manager.address()).getPath());
        System.out.flush();
        Thread.sleep(120_000);
    }
}
