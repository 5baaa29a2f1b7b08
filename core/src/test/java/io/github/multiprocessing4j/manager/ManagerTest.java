package io.github.multiprocessing4j.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.exception.AuthenticationException;
import io.github.multiprocessing4j.ipc.Queue;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(180)
class ManagerTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final byte[] KEY = "manager key".getBytes(StandardCharsets.UTF_8);

    static void addMany(Map<String, Integer> dict, List<Integer> list, Integer worker) {
        for (int i = 0; i < 1000; i++) {
            dict.put(worker + "-" + i, i);
            list.add(worker * 1000 + i);
        }
    }

    static void incrementFromQueue(Queue<Counter> queue) throws InterruptedException {
        Counter counter = queue.get();
        for (int i = 0; i < 10; i++) {
            counter.increment();
        }
    }

    @Test
    void shouldShareADictAndAListBetweenFourChildren() throws Exception {
        try (SyncManager manager = new SyncManager().start()) {
            Map<String, Integer> dict = manager.dict();
            List<Integer> list = manager.list();
            List<Process> children = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                Process p = new Process(ManagerTest::addMany, dict, list, w);
                p.start();
                children.add(p);
            }
            for (Process p : children) {
                assertThat(p.join(WAIT)).isTrue();
                assertThat(p.exitCode()).hasValue(0);
            }
            assertThat(dict).hasSize(4000);
            assertThat(list.size()).isEqualTo(4000);
            assertThat(dict.get("3-999")).isEqualTo(999);
            assertThat(dict.keySet()).contains("0-0", "2-500");
            int sum = 0;
            for (int x : list) {
                sum += x;
            }
            assertThat(sum).isEqualTo((3999 * 4000) / 2);
            assertThat(list).contains(2500);
        }
    }

    @Test
    void shouldRunCustomTypesSendProxiesThroughQueuesAndReturnProxies() throws Exception {
        SyncManager manager = new SyncManager();
        manager.register("Counter", a -> new CounterImpl((Integer) a[0]), Counter.class);
        manager.start();
        try (manager; Queue<Counter> queue = new Queue<>()) {
            Counter counter = manager.create("Counter", 5);
            assertThat(counter.increment()).isEqualTo(6);
            // the dict test's children take warm JVMs; this one a fresh JVM (the other start method)
            Process p = new Process(ManagerTest::incrementFromQueue, queue)
                    .startMethod(io.github.multiprocessing4j.StartMethod.SPAWN);
            p.start();
            queue.put(counter);
            assertThat(p.join(WAIT)).isTrue();
            assertThat(p.exitCode()).hasValue(0);
            assertThat(counter.get()).isEqualTo(16);
            Counter child = counter.child();
            assertThat(child.increment()).isEqualTo(101);
            assertThat(child).isNotEqualTo(counter);
            assertThat(counter).isEqualTo(counter);

            BlockingQueue<String> q = manager.queue();
            q.put("x");
            assertThat(q.poll(5, TimeUnit.SECONDS)).isEqualTo("x");
            Lock lock = manager.lock();
            assertThat(lock.tryLock()).isTrue();
            assertThat(lock.tryLock()).isFalse();
            lock.unlock();
            ManagedValue<Integer> value = manager.value(1);
            value.getAndAdd(2);
            assertThat(value.get()).isEqualTo(3);
            Namespace ns = manager.namespace();
            ns.set("x", "y");
            assertThat(ns.get("x")).isEqualTo("y");
            ManagedEvent event = manager.event();
            assertThat(event.await(Duration.ofMillis(10))).isFalse();
            event.set();
            assertThat(event.await(WAIT)).isTrue();
            ManagedSemaphore sem = manager.boundedSemaphore(1);
            assertThat(sem.acquire(Duration.ZERO)).isTrue();
            sem.release();
            assertThatThrownBy(sem::release).isInstanceOf(IllegalStateException.class);
            ManagedJoinableQueue<String> jq = manager.joinableQueue();
            jq.put("job");
            assertThat(jq.join(Duration.ofMillis(10))).isFalse();
            assertThat(jq.take()).isEqualTo("job");
            jq.taskDone();
            assertThat(jq.join(WAIT)).isTrue();
            List<Integer> array = manager.array(List.of(1, 2, 3));
            array.set(1, 20);
            assertThat(array).containsExactly(1, 20, 3);
            assertThatThrownBy(() -> array.add(4)).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void shouldRaiseTheManagersExceptionWithItsFrames() throws Exception {
        SyncManager manager = new SyncManager();
        manager.register("Counter", a -> new CounterImpl(0), Counter.class);
        try (manager) {
            manager.start();
            Counter counter = manager.create("Counter");
            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> counter.fail("boom"));
            assertThat(thrown).isInstanceOf(IllegalArgumentException.class).hasMessage("boom");
            assertThat(thrown.getStackTrace()[0].getClassName()).isEqualTo(CounterImpl.class.getName());
            assertThat(thrown.getSuppressed()).hasSize(1);
            assertThat(thrown.getSuppressed()[0]).hasMessageStartingWith("raised in the manager: call=Counter.fail");
            assertThatThrownBy(() -> manager.create("Nope")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("no type registered: typeid=Nope");
        }
    }

    @Test
    void shouldEndTheManagerWhenItsOwnerIsKilled() throws Exception {
        java.lang.Process owner = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), ManagerOwnerMain.class.getName())
                .redirectErrorStream(true).start();
        long managerPid;
        Path socket;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(owner.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line = out.readLine();
            while (line != null && !line.startsWith("manager=")) {
                line = out.readLine();
            }
            assertThat(line).isNotNull();
            String[] parts = line.split(" ");
            managerPid = Long.parseLong(parts[0].substring("manager=".length()));
            socket = Paths.get(parts[1].substring("socket=".length()));
            assertThat(socket).exists();
            owner.destroyForcibly();
            assertThat(owner.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        ProcessHandle manager = ProcessHandle.of(managerPid).orElse(null);
        if (manager != null) {
            assertThat(manager.onExit().get(20, TimeUnit.SECONDS).isAlive()).isFalse();
        }
        assertThat(socket).doesNotExist();
    }

    @Test
    void shouldServeOnTcpRefuseAWrongKeyAndRestartOnTheSameAddressAtOnce() throws Exception {
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        assertThatThrownBy(() -> new SyncManager(any, null).serveForever())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("needs an explicit authkey");
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        for (int round = 0; round < 2; round++) {
            SyncManager server = new SyncManager(address, KEY).start();
            try {
                SyncManager client = new SyncManager(address, KEY);
                client.connect();
                ManagedValue<Integer> v = client.value(round);
                assertThat(v.getAndAdd(1)).isEqualTo(round);
                SyncManager intruder = new SyncManager(address, "wrong".getBytes(StandardCharsets.UTF_8));
                assertThatThrownBy(intruder::connect).isInstanceOf(AuthenticationException.class);
            } finally {
                server.shutdown();
            }
            assertThat(server.join(WAIT)).isTrue();
        }
    }
}
