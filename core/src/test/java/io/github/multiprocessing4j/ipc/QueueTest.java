package io.github.multiprocessing4j.ipc;

import io.github.multiprocessing4j.exception.PeerGoneException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.exception.SerializationFailedException;
import io.github.multiprocessing4j.internal.codec.AllowList;
import io.github.multiprocessing4j.internal.codec.Codec;
import io.github.multiprocessing4j.sync.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class QueueTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int PILL = -1;

    static void produce(Queue<Integer> q, Integer first, Integer count) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            q.put(first + i);
        }
    }

    static void consume(Queue<Integer> q, Queue<int[]> results) throws InterruptedException {
        int[] got = new int[1024];
        int n = 0;
        while (true) {
            int item = q.get();
            if (item == PILL) {
                break;
            }
            if (n == got.length) {
                got = Arrays.copyOf(got, n * 2);
            }
            got[n++] = item;
        }
        results.put(Arrays.copyOf(got, n));
    }

    /** Puts 256 KiB messages whose bytes all equal their sequence number, until killed. */
    static void produceForever(Queue<byte[]> q, Event started) throws InterruptedException {
        for (int i = 0; ; i++) {
            byte[] message = new byte[256 * 1024];
            Arrays.fill(message, (byte) i);
            q.put(message);
            if (i == 0) {
                started.set();
            }
        }
    }

    static void putOneAndExit(Queue<String> q) throws InterruptedException {
        q.put("only");
    }

    static void takeAndMarkDone(JoinableQueue<Integer> q, Integer count) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            q.get();
            q.taskDone();
        }
    }

    static void blockInGet(Queue<String> q, Event started) throws InterruptedException {
        started.set();
        q.get(); // holds the read lock while it waits
    }

    /** What a pool worker does: receives the same queue again and again (here, 100 round trips through the codec). */
    static void receiveManyTimes(Queue<String> q) throws Exception {
        for (int i = 0; i < 100; i++) {
            @SuppressWarnings("unchecked")
            Queue<String> again = (Queue<String>) Codec.decode(Codec.encode(q, "the queue").bytes(),
                    new AllowList());
            again.put("copy " + i);
        }
    }

    static void echoSimple(SimpleQueue<Object> in, SimpleQueue<Object> out) throws InterruptedException {
        out.put(in.get());
    }

    @Test
    void shouldDeliverEveryMessageExactlyOnceWithManyProducersAndConsumers() throws Exception {
        runProducersAndConsumers(3, 2, 20_000);
    }

    @Test
    @Tag("slow")
    void shouldDeliverEveryMessageExactlyOnceUnderStress() throws Exception {
        runProducersAndConsumers(4, 4, 250_000);
    }

    private void runProducersAndConsumers(int producers, int consumers, int each) throws Exception {
        try (Queue<Integer> q = new Queue<>(1000, 64 * 1024); Queue<int[]> results = new Queue<>()) {
            List<Process> producing = new ArrayList<>();
            List<Process> consuming = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                producing.add(new Process(QueueTest::produce, q, p * each, each));
            }
            for (int c = 0; c < consumers; c++) {
                consuming.add(new Process(QueueTest::consume, q, results));
            }
            producing.forEach(Process::start);
            consuming.forEach(Process::start);
            for (Process p : producing) {
                assertThat(p.join(WAIT)).isTrue();
                assertThat(p.exitCode()).hasValue(0);
            }
            for (int c = 0; c < consumers; c++) {
                q.put(PILL);
            }
            int[] seen = new int[producers * each];
            for (int c = 0; c < consumers; c++) {
                for (int item : results.get(WAIT)) {
                    seen[item]++;
                }
            }
            for (Process c : consuming) {
                assertThat(c.join(WAIT)).isTrue();
            }
            for (int i = 0; i < seen.length; i++) {
                if (seen[i] != 1) {
                    throw new AssertionError("item " + i + " delivered " + seen[i] + " times");
                }
            }
            assertThat(q.isEmpty()).isTrue();
        }
    }

    @Test
    void shouldDeliverWholeMessagesOnlyWhenTheProducerIsKilledMidStream() throws Exception {
        try (Queue<byte[]> q = new Queue<>(0, 1 << 20); Event started = new Event()) {
            Process producer = new Process(QueueTest::produceForever, q, started);
            producer.start();
            assertThat(started.await(WAIT)).isTrue();
            int expected = 0;
            for (int i = 0; i < 10; i++) {
                checkWhole(q.get(WAIT), expected++);
            }
            producer.kill();
            assertThat(producer.join(WAIT)).isTrue();
            // what was published before the kill arrives whole, then the queue is empty
            assertThatThrownBy(() -> {
                for (int seq = 10; ; seq++) {
                    checkWhole(q.getNowait(), seq);
                }
            }).isInstanceOf(QueueEmptyException.class);
            // the write lock the producer may have held is recovered: the queue still works
            byte[] after = new byte[1000];
            q.put(after, WAIT);
            assertThat(q.get(WAIT)).hasSize(1000);
        }
    }

    private static void checkWhole(byte[] message, int seq) {
        assertThat(message).hasSize(256 * 1024);
        byte want = (byte) seq;
        for (int i = 0; i < message.length; i++) {
            if (message[i] != want) {
                throw new AssertionError("message " + seq + " is damaged at byte " + i);
            }
        }
    }

    @Test
    void shouldKeepWorkingWhenAConsumerIsKilledWhileWaitingInGet() throws Exception {
        try (Queue<String> q = new Queue<>(); Event started = new Event()) {
            Process consumer = new Process(QueueTest::blockInGet, q, started);
            consumer.start();
            assertThat(started.await(WAIT)).isTrue();
            consumer.kill();
            assertThat(consumer.join(WAIT)).isTrue();
            q.put("after the kill");
            assertThat(q.get(WAIT)).isEqualTo("after the kill");
        }
    }

    @Test
    void shouldBeTheSameQueueWhenCapturedByATargetLambda() throws Exception {
        try (Queue<String> q = new Queue<>()) {
            Process child = new Process(() -> q.put("captured"));
            child.start();
            assertThat(q.get(WAIT)).isEqualTo("captured");
            assertThat(child.join(WAIT)).isTrue();
        }
    }

    @Test
    void shouldTakeOneHolderSlotPerProcessHoweverOftenItReceivesTheQueue() throws Exception {
        try (Queue<String> q = new Queue<>()) {
            Process child = new Process(QueueTest::receiveManyTimes, q);
            child.start();
            for (int i = 0; i < 100; i++) {
                assertThat(q.get(WAIT)).isEqualTo("copy " + i);
            }
            assertThat(child.join(WAIT)).isTrue();
            // with a slot per handle the table would have overflowed, and the death would go unnoticed
            org.awaitility.Awaitility.await().atMost(WAIT).until(q.attachment::othersGone);
        }
    }

    @Test
    void shouldKeepWaitingAfterTheOnlyOtherHolderDiedAsPythonDoes() throws Exception {
        try (Queue<String> q = new Queue<>()) {
            Process producer = new Process(QueueTest::putOneAndExit, q);
            producer.start();
            assertThat(q.get(WAIT)).isEqualTo("only");
            assertThat(producer.join(WAIT)).isTrue();
            org.awaitility.Awaitility.await().atMost(WAIT).until(q.attachment::othersGone);
            // Python: get(timeout) raises Empty after the timeout, not before
            Duration timeout = Duration.ofMillis(300);
            long start = System.nanoTime();
            assertThatThrownBy(() -> q.get(timeout)).isInstanceOf(QueueEmptyException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(timeout);
            // Python: get() blocks until an item comes, here put by a thread of this process
            Thread getter = Thread.currentThread();
            Thread putter = new Thread(() -> {
                try {
                    // once get() is parked
                    org.awaitility.Awaitility.await().atMost(WAIT)
                            .until(() -> getter.getState() == Thread.State.TIMED_WAITING);
                    q.put("from a thread of the waiting process");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            putter.start();
            assertThat(q.get()).isEqualTo("from a thread of the waiting process");
            putter.join(WAIT.toMillis());
        }
    }

    @Test
    void shouldFailAnUnserializablePutInTheSenderAndStayUsable() throws Exception {
        try (Queue<Object> q = new Queue<>()) {
            assertThatThrownBy(() -> q.put(new Object())).isInstanceOf(SerializationFailedException.class)
                    .hasMessageContaining("java.lang.Object, which does not implement java.io.Serializable");
            q.put(List.of(1, 2, 3));
            assertThat(q.get(WAIT)).isEqualTo(List.of(1, 2, 3));
            assertThat(q.isEmpty()).isTrue();
        }
    }

    @Test
    void shouldStreamAnItemLargerThanTheRingAndStayUsable() throws Exception {
        try (Queue<byte[]> q = new Queue<>(0, 1024)) {
            byte[] big = new byte[5000];
            new java.util.Random(7).nextBytes(big);
            Thread producer = new Thread(() -> {
                try {
                    q.put(big); // five rings' worth: streamed in pieces while this thread's get takes them
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            producer.start();
            assertThat(q.get(WAIT)).isEqualTo(big);
            producer.join(WAIT.toMillis());
            assertThat(producer.isAlive()).isFalse();
            for (int i = 0; i < 100; i++) { // wraps around the ring several times
                q.put(new byte[300 + i]);
                assertThat(q.get(WAIT)).hasSize(300 + i);
            }
        }
    }

    @Test
    void shouldTimeOutAndReportSizeLikePython() throws Exception {
        try (Queue<String> q = new Queue<>(2)) {
            assertThatThrownBy(() -> q.get(Duration.ofMillis(30))).isInstanceOf(QueueEmptyException.class)
                    .hasMessageStartingWith("queue is empty: name=mp4j-");
            assertThatThrownBy(q::getNowait).isInstanceOf(QueueEmptyException.class);
            q.putNowait("a");
            q.put("b", WAIT);
            assertThat(q.qsize()).isEqualTo(2);
            assertThat(q.isFull()).isTrue();
            assertThatThrownBy(() -> q.putNowait("c")).isInstanceOf(QueueFullException.class)
                    .hasMessageContaining("items=2");
            assertThat(q.getNowait()).isEqualTo("a");
            assertThat(q.get()).isEqualTo("b");
            assertThat(q.isEmpty()).isTrue();
        }
    }

    @Test
    void shouldRefuseUseAfterClose() {
        Queue<String> q = new Queue<>();
        q.close();
        assertThatThrownBy(() -> q.put("x")).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("queue is closed: name=mp4j-");
        assertThatThrownBy(q::getNowait).isInstanceOf(IllegalStateException.class);
        q.close();
    }

    @Test
    void shouldJoinWhenEveryTaskIsDone() throws Exception {
        try (JoinableQueue<Integer> q = new JoinableQueue<>()) {
            for (int i = 0; i < 100; i++) {
                q.put(i);
            }
            assertThat(q.join(Duration.ofMillis(20))).isFalse();
            Process worker = new Process(QueueTest::takeAndMarkDone, q, 100);
            worker.start();
            assertThat(q.join(WAIT)).isTrue();
            assertThat(worker.join(WAIT)).isTrue();
            assertThatThrownBy(q::taskDone).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("task_done() called too many times");
        }
    }

    @Test
    void shouldPassItemsThroughASimpleQueueInAChild() throws Exception {
        try (SimpleQueue<Object> in = new SimpleQueue<>(); SimpleQueue<Object> out = new SimpleQueue<>()) {
            Process echo = new Process(QueueTest::echoSimple, in, out);
            echo.start();
            in.put("héllo");
            assertThat(out.get()).isEqualTo("héllo");
            assertThat(echo.join(WAIT)).isTrue();
        }
    }
}
