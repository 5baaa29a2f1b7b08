package io.github.multiprocessing4j.ipc;

import io.github.multiprocessing4j.exception.PeerGoneException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.exception.ProcessException;
import io.github.multiprocessing4j.exception.SerializationFailedException;
import io.github.multiprocessing4j.sync.Event;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipeTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Echoes raw bytes (Python: {@code conn.send_bytes(conn.recv_bytes())}) until an empty message. */
    static void echo(Connection conn) throws InterruptedException {
        while (true) {
            byte[] message = conn.recvBytes();
            if (message.length == 0) {
                conn.close();
                return;
            }
            conn.sendBytes(message);
        }
    }

    static void sendThenDie(Connection conn, Event sent) throws InterruptedException {
        conn.send("last words");
        sent.set();
        Thread.sleep(120_000);
    }

    static void sendOne(Connection conn, String text) throws InterruptedException {
        conn.send(text);
        conn.close();
    }

    @Test
    void shouldEchoObjectsAndBytesThroughAChildThatEchoesBytesAsPythonDoes() throws Exception {
        try (Pipe pipe = Pipe.open()) {
            Process child = new Process(PipeTest::echo, pipe.conn2());
            child.start();
            pipe.conn2().close(); // the parent does not use the child's end, as in Python
            Connection conn = pipe.conn1();
            conn.send(42);
            assertThat(conn.recv()).isEqualTo(42);
            conn.send(Map.of("k", List.of(1.5, "x")));
            assertThat(conn.recv()).isEqualTo(Map.of("k", List.of(1.5, "x")));
            conn.sendBytes(new byte[] {1, 2, 3, 4, 5}, 1, 3);
            assertThat(conn.recvBytes()).containsExactly(2, 3, 4);
            conn.send(null);
            assertThat(conn.poll(WAIT)).isTrue();
            assertThat(conn.recv()).isNull();
            conn.send(new byte[] {7, 8}); // a byte[] object: encoded by send, decoded by recv
            assertThat(conn.recv()).isEqualTo(new byte[] {7, 8});
            conn.sendBytes(new byte[0]);
            assertThat(child.join(WAIT)).isTrue();
            assertThat(child.exitCode()).hasValue(0);
            // the child closed its end and exited: end of file
            assertThatThrownBy(conn::recv).isInstanceOf(PeerGoneException.class)
                    .hasMessageStartingWith("the other end of the pipe is closed or its process died: connection=");
            assertThat(conn.poll(Duration.ZERO)).isTrue();
        }
    }

    @Test
    void shouldDeliverWhatWasSentThenReportAKilledSender() throws Exception {
        try (Pipe pipe = Pipe.open(false); Event sent = new Event()) {
            Process child = new Process(PipeTest::sendThenDie, pipe.conn2(), sent);
            child.start();
            pipe.conn2().close();
            assertThat(sent.await(WAIT)).isTrue();
            child.kill();
            assertThat(child.join(WAIT)).isTrue();
            assertThat(pipe.conn1().recv()).isEqualTo("last words");
            assertThatThrownBy(() -> pipe.conn1().recv()).isInstanceOf(PeerGoneException.class);
        }
    }

    @Test
    void shouldKeepTheMessageWhenTheBufferIsTooShort() throws Exception {
        try (Pipe pipe = Pipe.open()) {
            pipe.conn1().sendBytes(new byte[] {9, 8, 7, 6});
            byte[] small = new byte[3];
            BufferTooShortException e = org.junit.jupiter.api.Assertions.assertThrows(
                    BufferTooShortException.class, () -> pipe.conn2().recvBytesInto(small, 0));
            assertThat(e.message()).containsExactly(9, 8, 7, 6);
            assertThat(e).hasMessageStartingWith("buffer too short for the message: size=4, room=3");
            pipe.conn1().sendBytes(new byte[] {1, 2, 3});
            BufferTooShortException tooLong = org.junit.jupiter.api.Assertions.assertThrows(
                    BufferTooShortException.class, () -> pipe.conn2().recvBytes(2));
            assertThat(tooLong.message()).containsExactly(1, 2, 3);
            assertThat(tooLong).hasMessageStartingWith("message longer than maxLength: size=3, maxLength=2");
            pipe.conn1().sendBytes(new byte[] {1, 2});
            byte[] big = new byte[10];
            assertThat(pipe.conn2().recvBytesInto(big, 5)).isEqualTo(2);
            assertThat(big[5]).isEqualTo((byte) 1);
        }
    }

    @Test
    void shouldRejectBadInputAndStayUsable() throws Exception {
        try (Pipe pipe = Pipe.open(true, 4096)) {
            Connection a = pipe.conn1();
            assertThatThrownBy(() -> a.send(new Thread())).isInstanceOf(SerializationFailedException.class);
            assertThatThrownBy(() -> a.sendBytes(new byte[5], 3, 3)).isInstanceOf(IndexOutOfBoundsException.class);
            a.sendBytes(new byte[] {2, 3, 4}); // raw bytes that are not an encoded object
            assertThatThrownBy(() -> pipe.conn2().recv()).isInstanceOf(ProcessException.class)
                    .hasMessageStartingWith("cannot decode a message as an object");
            a.send("still fine");
            assertThat(pipe.conn2().recv()).isEqualTo("still fine");
        }
    }

    @Test
    void shouldRefuseTheWrongDirectionAndUseAfterClose() throws Exception {
        try (Pipe pipe = Pipe.open(false)) {
            assertThat(pipe.conn1().isReadable()).isTrue();
            assertThat(pipe.conn1().isWritable()).isFalse();
            assertThatThrownBy(() -> pipe.conn1().send(1)).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("connection is receive-only");
            assertThatThrownBy(() -> pipe.conn2().recv()).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("connection is send-only");
            pipe.conn2().close();
            assertThat(pipe.conn2().isClosed()).isTrue();
            assertThatThrownBy(() -> pipe.conn2().send(1)).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("connection is closed: name=mp4j-");
        }
    }

    @Test
    void shouldWaitOnSeveralConnections() throws Exception {
        try (Pipe p1 = Pipe.open(false); Pipe p2 = Pipe.open(false)) {
            List<Connection> readers = List.of(p1.conn1(), p2.conn1());
            assertThat(Connection.wait(readers, Duration.ofMillis(20))).isEmpty();
            Process child = new Process(PipeTest::sendOne, p2.conn2(), "from child");
            child.start();
            assertThat(Connection.wait(readers, WAIT)).containsExactly(p2.conn1());
            assertThat(p2.conn1().recv()).isEqualTo("from child");
            assertThat(child.join(WAIT)).isTrue();
        }
    }

    static void exitAfter(Event go) throws InterruptedException {
        go.await();
    }

    @Test
    void shouldWaitOnConnectionsAndProcessesTogetherAsPythonDoes() throws Exception {
        try (Pipe pipe = Pipe.open(false); Event go = new Event()) {
            Process child = new Process(PipeTest::exitAfter, go);
            child.start();
            List<Object> objects = List.of(pipe.conn1(), child);
            assertThat(Connection.wait(objects, Duration.ofMillis(20))).isEmpty();
            go.set();
            // a process is ready once it has ended (Python: its sentinel)
            assertThat(Connection.wait(objects, WAIT)).containsExactly(child);
            pipe.conn2().send("now both");
            assertThat(Connection.wait(objects, WAIT)).containsExactly(pipe.conn1(), child);
            // the connections-only form is unchanged
            assertThat(Connection.wait(List.of(pipe.conn1()), WAIT)).containsExactly(pipe.conn1());
            assertThat(child.join(WAIT)).isTrue();
            assertThatThrownBy(() -> Connection.wait(List.of(pipe.conn1(), "a string"), WAIT))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("cannot wait on this object: class=java.lang.String; Connection.wait takes"
                            + " connections, listeners and started processes");
            Process notStarted = new Process(PipeTest::exitAfter, go);
            assertThatThrownBy(() -> Connection.wait(List.of(notStarted), WAIT))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    static void holdThenDie(Connection conn, Event holding) throws InterruptedException {
        holding.set();
        Thread.sleep(120_000); // killed by the test
    }

    @Test
    void shouldTellAReaderWhenEveryHolderOfTheOtherEndDied() throws Exception {
        try (Pipe pipe = Pipe.open(false); Event holding = new Event()) {
            Process child = new Process(PipeTest::holdThenDie, pipe.conn2(), holding);
            child.start();
            pipe.conn2().close();
            assertThat(holding.await(WAIT)).isTrue();
            Thread killer = new Thread(child::kill);
            killer.start(); // recv() is blocked, or about to be, when the only writer dies
            assertThatThrownBy(() -> pipe.conn1().recv()).isInstanceOf(PeerGoneException.class);
            killer.join(WAIT.toMillis());
            assertThat(child.join(WAIT)).isTrue();
        }
    }
}
