package io.github.multiprocessing4j.internal.shm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.exception.PeerGoneException;
import io.github.multiprocessing4j.internal.watch.Liveness;
import io.github.multiprocessing4j.ipc.Queue;
import io.github.multiprocessing4j.ipc.QueueEmptyException;
import io.github.multiprocessing4j.sync.Event;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Holder tables: reservations for handles on their way are counted and expire; a table whose slots are all taken
 * by live holders counts the others in its overflow and never loses track of them.
 */
class PeerTableTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Where a queue's holder table is in its body (QueueLayout.PEERS, package-private in ipc). */
    private static final int QUEUE_PEERS = 0;

    private final ByteBuffer buffer = ByteBuffer.allocateDirect(PeerTable.LENGTH).order(ByteOrder.nativeOrder());
    private final PeerTable table = new PeerTable(buffer, 0, null);

    @Test
    void shouldCountReservationsWithoutTakingSlots() {
        for (int i = 0; i < 1000; i++) {
            table.reserve();
        }
        assertThat(table.overflow()).isZero();
        assertThat(table.liveReservations(System.currentTimeMillis())).isEqualTo(1000);
        assertThat(table.othersGone()).isFalse();
        for (int i = 0; i < 1000; i++) {
            table.dropReservation();
        }
        assertThat(table.othersGone()).isTrue();
        table.dropReservation(); // one more than made: the count stays at 0
        assertThat(table.liveReservations(System.currentTimeMillis())).isZero();
    }

    @Test
    void shouldForgetExpiredReservationsAndNotReviveThem() {
        table.reserve();
        table.reserve();
        Words.setLongVolatile(buffer, PeerTable.RESERVED_UNTIL, System.currentTimeMillis() - 1);
        assertThat(table.othersGone()).isTrue(); // expired: the receivers never came
        table.reserve();
        assertThat(table.liveReservations(System.currentTimeMillis())).isEqualTo(1);
        table.claim(); // the receiver of the new one (this process, here) attaches
        table.unregister(true);
        assertThat(table.othersGone()).isTrue();
    }

    @Test
    void shouldTakeOverTheSlotsOfDeadHoldersAndCountTheRestInTheOverflow() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")));
        List<java.lang.Process> sleepers = sleepers(PeerTable.SLOTS);
        try {
            for (java.lang.Process s : sleepers.subList(0, PeerTable.SLOTS - 1)) {
                assertThat(table.put(s.pid(), Liveness.startTime(s.pid()))).isTrue();
            }
            java.lang.Process last = sleepers.get(PeerTable.SLOTS - 1);
            assertThat(table.register()).isTrue(); // the last free slot
            assertThat(table.put(last.pid(), Liveness.startTime(last.pid()))).isFalse();
            assertThat(table.overflow()).isEqualTo(1);
            kill(sleepers.subList(0, 1));
            assertThat(table.put(last.pid(), Liveness.startTime(last.pid()))).isTrue(); // the dead one's slot
            assertThat(table.overflow()).isEqualTo(1);
        } finally {
            kill(sleepers);
        }
    }

    /** A child that holds the queue (in the overflow, in the test below) until told to go, or killed. */
    static void holdUntilSet(Queue<String> q, Event go) throws InterruptedException {
        q.put("holding");
        go.await(WAIT);
    }

    @Test
    void shouldTellAWaiterNobodyIsLeftWhenMoreHoldersThanSlotsHaveGoneEvenKilled() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/maps")));
        List<java.lang.Process> sleepers = sleepers(PeerTable.SLOTS - 1);
        try (Queue<String> q = new Queue<>(4096); Event goA = new Event(); Event goB = new Event()) {
            Segment segment = ShmRegistry.mapping(q.name(), () -> {
                throw new AssertionError("the queue's segment is mapped");
            });
            segment.release();
            PeerTable peers = new PeerTable(segment.body(), QUEUE_PEERS, segment);
            // the creator has a slot; live stand-ins take every other one
            for (java.lang.Process s : sleepers) {
                assertThat(peers.put(s.pid(), Liveness.startTime(s.pid()))).isTrue();
            }
            Process a = new Process(PeerTableTest::holdUntilSet, q, goA);
            Process b = new Process(PeerTableTest::holdUntilSet, q, goB);
            a.start();
            b.start();
            assertThat(q.get(WAIT)).isEqualTo("holding");
            assertThat(q.get(WAIT)).isEqualTo("holding");
            assertThat(peers.overflow()).isEqualTo(2);
            kill(sleepers);

            // two live holders, neither in a slot: not gone
            assertThat(peers.othersGone()).isFalse();
            goA.set();
            assertThat(a.join(WAIT)).isTrue();
            assertThat(peers.overflow()).isEqualTo(1); // a let go
            assertThat(peers.othersGone()).isFalse();

            b.kill(); // it cannot let go: the overflow still counts it
            assertThat(b.join(WAIT)).isTrue();
            // the operating system says nobody else maps the file: the overflowed holder is gone
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(peers::othersGone);
            assertThat(peers.overflow()).isZero();
        } finally {
            kill(sleepers);
        }
    }

    private static List<java.lang.Process> sleepers(int n) throws Exception {
        List<java.lang.Process> started = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                started.add(new ProcessBuilder("sleep", "120").start());
            }
        } catch (Exception | Error e) {
            kill(started);
            throw e;
        }
        return started;
    }

    private static void kill(List<java.lang.Process> processes) throws InterruptedException {
        for (java.lang.Process p : processes) {
            p.destroyForcibly();
        }
        for (java.lang.Process p : processes) {
            assertThat(p.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        }
    }
}
