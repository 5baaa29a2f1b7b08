package io.github.multiprocessing4j.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.multiprocessing4j.Process;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Random;
import java.util.zip.CRC32;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Messages larger than the ring cross a queue or a pipe whole, as in Python (which has no size limit), and a writer
 * that dies or gives up in the middle of one never corrupts the stream for the other writers and readers.
 */
class LargeMessageTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int MIB = 1 << 20;

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static long crc(byte[] b) {
        CRC32 crc = new CRC32();
        crc.update(b);
        return crc.getValue();
    }

    static void putRandom(Queue<byte[]> q, Integer size, Long seed) throws InterruptedException {
        q.put(random(size, seed));
    }

    /** Receives one message on {@code conn}, sends back its checksum, then sends a message of its own. */
    static void pipeRoundTrip(Connection conn, Integer size, Long seed) throws InterruptedException {
        byte[] got = (byte[]) conn.recv();
        conn.send(new long[] {got.length, crc(got)});
        conn.send(random(size, seed));
        conn.close();
    }

    @Test
    @Timeout(300)
    void shouldCarry16And100MiBItemsThroughADefaultQueueFromAChild() throws Exception {
        try (Queue<byte[]> q = new Queue<>()) {
            for (int size : new int[] {16 * MIB, 100 * MIB}) {
                Process child = new Process(LargeMessageTest::putRandom, q, size, 42L + size);
                child.start();
                byte[] got = q.get(WAIT);
                assertThat(got.length).isEqualTo(size);
                assertThat(crc(got)).isEqualTo(crc(random(size, 42L + size)));
                assertThat(child.join(WAIT)).isTrue();
                assertThat(child.exitCode()).hasValue(0);
            }
            assertThat(q.isEmpty()).isTrue();
        }
    }

    @Test
    @Timeout(300)
    void shouldCarry16And100MiBObjectsBothWaysThroughADefaultPipe() throws Exception {
        for (int size : new int[] {16 * MIB, 100 * MIB}) {
            try (Pipe pipe = Pipe.open()) {
                Process child = new Process(LargeMessageTest::pipeRoundTrip, pipe.conn2(), size, 7L + size);
                child.start();
                pipe.conn2().close();
                byte[] sent = random(size, 3L + size);
                pipe.conn1().send(sent);
                assertThat((long[]) pipe.conn1().recv()).containsExactly(size, crc(sent));
                byte[] got = (byte[]) pipe.conn1().recv();
                assertThat(got.length).isEqualTo(size);
                assertThat(crc(got)).isEqualTo(crc(random(size, 7L + size)));
                assertThat(child.join(WAIT)).isTrue();
                assertThat(child.exitCode()).hasValue(0);
            }
        }
    }

    /** Puts {@code count} messages of {@code size} bytes, each stamped with the writer and its number. */
    static void putStamped(Queue<byte[]> q, Integer writer, Integer count, Integer size) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            q.put(stamped(writer, i, size));
        }
    }

    static byte[] stamped(int writer, int seq, int size) {
        byte[] b = random(size, writer * 1_000_003L + seq);
        ByteBuffer.wrap(b).putInt(0, writer).putInt(4, seq);
        return b;
    }

    static void checkStamped(byte[] b, int size) {
        assertThat(b.length).isEqualTo(size);
        ByteBuffer bb = ByteBuffer.wrap(b);
        assertThat(b).as("message %d of writer %d", bb.getInt(4), bb.getInt(0))
                .isEqualTo(stamped(bb.getInt(0), bb.getInt(4), size));
    }

    @Test
    @Timeout(300)
    void shouldNeverInterleaveThePiecesOfTwoWritersMessages() throws Exception {
        int size = 300 * 1024; // almost five rings each
        int count = 20;
        try (Queue<byte[]> q = new Queue<>(0, 64 * 1024)) {
            Process a = new Process(LargeMessageTest::putStamped, q, 1, count, size);
            Process b = new Process(LargeMessageTest::putStamped, q, 2, count, size);
            a.start();
            b.start();
            int[] next = new int[3];
            for (int i = 0; i < 2 * count; i++) {
                byte[] m = q.get(WAIT);
                checkStamped(m, size);
                int writer = ByteBuffer.wrap(m).getInt(0);
                assertThat(ByteBuffer.wrap(m).getInt(4)).as("each writer's order").isEqualTo(next[writer]++);
            }
            assertThat(a.join(WAIT)).isTrue();
            assertThat(b.join(WAIT)).isTrue();
            assertThat(q.isEmpty()).isTrue();
        }
    }

    static void putOneHuge(Queue<byte[]> q) throws InterruptedException {
        q.put(new byte[16 * MIB]); // never finished: nobody reads until this writer is killed
    }

    @Test
    @Timeout(300)
    void shouldDropTheMessageOfAWriterKilledMidwayAndDeliverTheOthersWhole() throws Exception {
        int size = 200 * 1024;
        try (Queue<byte[]> q = new Queue<>(0, 64 * 1024)) {
            Process killed = new Process(LargeMessageTest::putOneHuge, q);
            killed.start();
            // its first pieces are in the ring: it holds the write lock in the middle of its message
            Awaitility.await().atMost(WAIT).until(() -> !q.isEmpty());
            Process other = new Process(LargeMessageTest::putStamped, q, 5, 3, size);
            other.start(); // waits for the write lock
            killed.kill();
            assertThat(killed.join(WAIT)).isTrue();
            // the reader takes the dead writer's pieces, sees it died, drops them; the other writer recovers the
            // lock and its messages arrive whole
            for (int i = 0; i < 3; i++) {
                byte[] m = q.get(WAIT);
                checkStamped(m, size);
                assertThat(ByteBuffer.wrap(m).getInt(4)).isEqualTo(i);
            }
            assertThat(other.join(WAIT)).isTrue();
            assertThatThrownBy(q::getNowait).isInstanceOf(QueueEmptyException.class);
        }
    }

    @Test
    void shouldDropAMessageWhosePutTimedOutMidwayAndStayUsable() throws Exception {
        try (Queue<Object> q = new Queue<>(0, 64 * 1024)) {
            // nobody reads: the ring fills with the first pieces, then the deadline passes
            assertThatThrownBy(() -> q.put(new byte[MIB], Duration.ofMillis(200)))
                    .isInstanceOf(QueueFullException.class);
            Thread putter = new Thread(() -> {
                try {
                    q.put("after");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            putter.start();
            assertThat(q.get(WAIT)).isEqualTo("after");
            putter.join(WAIT.toMillis());
            assertThat(putter.isAlive()).isFalse();
        }
    }

    /** Takes messages until killed. */
    static void takeForever(Queue<byte[]> q) throws InterruptedException {
        while (true) {
            q.get();
        }
    }

    @Test
    @Timeout(300)
    void shouldSkipWhatAReaderKilledMidwayLeftAndDeliverTheNextMessagesWhole() throws Exception {
        int size = 2 * MIB; // 32 rings: the reader spends nearly all its time in the middle of one
        try (Queue<byte[]> q = new Queue<>(0, 64 * 1024)) {
            Process reader = new Process(LargeMessageTest::takeForever, q);
            reader.start();
            q.put(stamped(9, 0, size));
            Awaitility.await().atMost(WAIT).until(q::isEmpty);
            // the reader is blocked again; a message it starts to take dies with it
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 1; i <= 3; i++) {
                        q.put(stamped(9, i, size));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            writer.start();
            reader.kill();
            assertThat(reader.join(WAIT)).isTrue();
            // whatever the reader took before it died is lost, as in Python; what follows arrives whole and in order
            int last = 0;
            while (last < 3) {
                byte[] m = q.get(WAIT);
                checkStamped(m, size);
                int seq = ByteBuffer.wrap(m).getInt(4);
                assertThat(seq).isGreaterThan(last);
                last = seq;
            }
            writer.join(WAIT.toMillis());
            assertThat(q.isEmpty()).isTrue();
        }
    }
}
