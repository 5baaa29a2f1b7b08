package io.github.multiprocessing4j.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.exception.DecodeLimitException;
import io.github.multiprocessing4j.internal.codec.Codec;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code byte[]} objects go from the sender's array into the ring and from the ring into the receiver's array, with
 * no encoded copy in between: every size arrives whole, the encoded form on the wire is the codec's, and bytes that
 * only look like an encoded array are refused as before.
 */
class ByteArrayMessagesTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int[] SIZES = {0, 1, 7, 1000, 1 << 20, 3 << 20};

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static void putArrays(Queue<Object> q) throws InterruptedException {
        for (int size : SIZES) {
            q.put(random(size, size));
        }
    }

    static void echoArrays(Connection conn) throws InterruptedException {
        for (int i = 0; i < SIZES.length; i++) {
            conn.send(conn.recv());
        }
    }

    @Test
    void shouldCarryByteArraysOfEverySizeThroughAQueueFromAChild() throws Exception {
        // a 2 MiB ring: the 3 MiB array is streamed in pieces, the others go as one record
        try (Queue<Object> q = new Queue<>(0, 2 << 20)) {
            Process producer = new Process(ByteArrayMessagesTest::putArrays, q);
            producer.start();
            for (int size : SIZES) {
                assertThat(q.get(WAIT)).isEqualTo(random(size, size));
            }
            producer.join(WAIT);
            assertThat(producer.exitCode()).hasValue(0);
        }
    }

    @Test
    void shouldCarryByteArraysOfEverySizeBothWaysThroughAPipe() throws Exception {
        try (Pipe pipe = Pipe.open(true, 2 << 20)) {
            Process echo = new Process(ByteArrayMessagesTest::echoArrays, pipe.conn2());
            echo.start();
            for (int size : SIZES) {
                pipe.conn1().send(random(size, size));
                assertThat(pipe.conn1().recv()).isEqualTo(random(size, size));
            }
            echo.join(WAIT);
            assertThat(echo.exitCode()).hasValue(0);
        }
    }

    @Test
    void shouldSendTheCodecsEncodedFormAndDecodeItFromRawBytes() throws Exception {
        try (Pipe pipe = Pipe.open()) {
            byte[] value = random(5000, 1);
            pipe.conn1().send(value);
            assertThat(pipe.conn2().recvBytes()).isEqualTo(Codec.encode(value, "a test array").bytes());
            pipe.conn1().sendBytes(Codec.encode(value, "a test array").bytes());
            assertThat(pipe.conn2().recv()).isEqualTo(value);
        }
    }

    @Test
    void shouldRefuseBytesThatClaimMoreThanTheyHold() throws Exception {
        try (Pipe pipe = Pipe.open()) {
            byte[] head = Codec.bytesHead(9);
            byte[] damaged = java.util.Arrays.copyOf(head, head.length + 3); // claims 9 bytes, holds 3
            pipe.conn1().sendBytes(damaged);
            assertThatThrownBy(() -> pipe.conn2().recv()).isInstanceOf(DecodeLimitException.class)
                    .hasMessageContaining("claims more than it holds: length=9, bytesLeft=3");
            pipe.conn1().send(new byte[] {4, 2});
            assertThat(pipe.conn2().recv()).isEqualTo(new byte[] {4, 2});
        }
    }
}
