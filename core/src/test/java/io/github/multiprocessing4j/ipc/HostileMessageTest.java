package io.github.multiprocessing4j.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.exception.DecodeLimitException;
import io.github.multiprocessing4j.internal.codec.HostilePayloads;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A peer that writes hostile object messages: the reader gets a typed exception and the channel stays usable. */
class HostileMessageTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    /**
     * Writes raw bytes that {@code recv()} decodes, as a damaged or hostile peer could: a message is only bytes, as
     * in Python.
     */
    static void sendRawObject(Connection conn, byte[] payload) throws Exception {
        conn.sendBytes(payload);
    }

    static void sendHostile(Connection conn) throws Exception {
        sendRawObject(conn, HostilePayloads.javaArrayClaiming(new int[0], Integer.MAX_VALUE));
        sendRawObject(conn, HostilePayloads.fastClaiming(new long[0], Integer.MAX_VALUE));
        conn.send(HostilePayloads.hashSetBomb(60)); // a legitimate send: the bomb only explodes when read
        conn.send("still here");
        conn.close();
    }

    @Test
    @Timeout(60)
    void shouldFailHostileMessagesWithTheTypedExceptionAndKeepThePipeUsable() throws Exception {
        try (Pipe pipe = Pipe.open(false)) {
            Process child = new Process(HostileMessageTest::sendHostile, pipe.conn2());
            child.start();
            Connection conn = pipe.conn1();
            assertThatThrownBy(conn::recv).isInstanceOf(DecodeLimitException.class)
                    .hasMessageStartingWith("message claims more than it holds: int[] length=2147483647");
            assertThatThrownBy(conn::recv).isInstanceOf(DecodeLimitException.class)
                    .hasMessageStartingWith("message claims more than it holds: length=17179869176");
            long start = System.nanoTime();
            assertThatThrownBy(conn::recv).isInstanceOf(DecodeLimitException.class)
                    .hasMessageContaining("limit=maxReferences");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(conn.recv()).isEqualTo("still here");
            assertThat(child.join(WAIT)).isTrue();
            assertThat(child.exitCode()).hasValue(0);
        }
    }
}
