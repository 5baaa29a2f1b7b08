package io.github.multiprocessing4j.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.multiprocessing4j.internal.codec.CodecTags;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.channels.Channels;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every wire message encodes and decodes itself; tags are unique; damaged input fails with IOException. */
class WireMessagesTest {
    @Test
    void shouldGiveEveryFrameTypeItsOwnTag() {
        Set<Byte> tags = new HashSet<>();
        for (FrameType type : FrameType.values()) {
            assertThat(tags.add(type.tag())).as("tag of %s", type).isTrue();
            assertThat(FrameType.of(type.tag())).isSameAs(type);
        }
        assertThat(FrameType.of((byte) 99)).isNull();
        assertThat(FrameType.of((byte) -1)).isNull();
    }

    @Test
    void shouldGiveEveryCodecFormItsOwnTag() throws IllegalAccessException {
        Set<Byte> tags = new HashSet<>();
        for (Field field : CodecTags.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == byte.class) {
                assertThat(tags.add(field.getByte(null))).as("tag of %s", field.getName()).isTrue();
            }
        }
        assertThat(tags).hasSizeGreaterThan(10);
    }

    @Test
    void shouldRoundTripBootHelloSpareAndExitReport() throws IOException {
        Boot boot = new Boot(7, new byte[] {1, 2, 3}, "/tmp/s", "Process-1:2", true, new int[] {1, 2}, 42, 99,
                "Process-1", List.of("com.example.*"), new byte[] {4, 5});
        Boot back = Boot.decode(boot.toFrame().payload());
        assertThat(back.childId()).isEqualTo(7);
        assertThat(back.secret()).containsExactly(1, 2, 3);
        assertThat(back.name()).isEqualTo("Process-1:2");
        assertThat(back.daemon()).isTrue();
        assertThat(back.identity()).containsExactly(1, 2);
        assertThat(back.parentPid()).isEqualTo(42);
        assertThat(back.parentStart()).isEqualTo(99);
        assertThat(back.parentName()).isEqualTo("Process-1");
        assertThat(back.allowPatterns()).containsExactly("com.example.*");
        assertThat(back.authkey()).containsExactly(4, 5);

        SpareBoot spare = SpareBoot.decode(new SpareBoot(boot, new byte[] {9}).toFrame().payload());
        assertThat(spare.boot().name()).isEqualTo("Process-1:2");
        assertThat(spare.warmup()).containsExactly(9);

        Hello hello = Hello.decode(new Hello(5, new byte[32], 1234).toFrame().payload());
        assertThat(hello.childId()).isEqualTo(5);
        assertThat(hello.secret()).hasSize(32);
        assertThat(hello.pid()).isEqualTo(1234);

        for (ExitReport.Kind kind : ExitReport.Kind.values()) {
            ExitReport report = ExitReport.decode(new ExitReport(kind, 15).toFrame().payload());
            assertThat(report.kind()).isEqualTo(kind);
            assertThat(report.signal()).isEqualTo(15);
        }
    }

    @Test
    void shouldRefuseDamagedMessages() {
        assertThatThrownBy(() -> Hello.decode(new byte[3])).isInstanceOf(IOException.class);
        byte[] hugeSecret = new Hello(1, new byte[8], 1).toFrame().payload();
        hugeSecret[11] = 127; // the secret's length
        assertThatThrownBy(() -> Hello.decode(hugeSecret)).isInstanceOf(IOException.class)
                .hasMessageContaining("secret length");
        assertThatThrownBy(() -> ExitReport.decode(new byte[] {9, 0, 0, 0, 0})).isInstanceOf(IOException.class)
                .hasMessageContaining("kind 9");
        assertThatThrownBy(() -> SpareBoot.decode(new byte[] {0, 0, 0, 50})).isInstanceOf(IOException.class);
    }

    @Test
    void shouldReadFramesWrittenAloneOrInPairsAndRefuseOversizedOnes() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FrameWriter writer = new FrameWriter(bytes);
        writer.write(Frame.empty(FrameType.READY));
        writer.write(new Frame(FrameType.BOOT, new byte[] {1}), FrameType.TASK, List.of(new byte[] {2}, new byte[] {3}),
                "test");
        FrameReader reader = new FrameReader(new ByteArrayInputStream(bytes.toByteArray()));
        assertThat(reader.read().type()).isEqualTo(FrameType.READY);
        assertThat(reader.read().payload()).containsExactly(1);
        Frame task = reader.read();
        assertThat(task.type()).isEqualTo(FrameType.TASK);
        assertThat(task.payload()).containsExactly(2, 3);
        assertThat(reader.read()).isNull();

        byte[] claim = {0x40, 0, 0, 0, FrameType.HELLO.tag()}; // 1 GiB promised by a peer not yet proven
        assertThatThrownBy(() -> new FrameReader(new ByteArrayInputStream(claim)).read(256))
                .isInstanceOf(IOException.class).hasMessageContaining("frame length");
        byte[] unknown = {0, 0, 0, 0, 99};
        assertThatThrownBy(() -> new FrameReader(new ByteArrayInputStream(unknown)).read())
                .isInstanceOf(IOException.class).hasMessageContaining("unknown frame type 99");
    }

    @Test
    @Timeout(60)
    void shouldWriteALargeFrameInPartsWithoutWaitingForItsReader() throws Exception {
        // an OS pipe (64 KiB), not PipedInputStream: that one fails reads with "Write end dead" once the thread that
        // wrote last has ended, which the background writer does before the next frame is written
        java.nio.channels.Pipe os = java.nio.channels.Pipe.open();
        InputStream pipe = Channels.newInputStream(os.source());
        FrameWriter writer = new FrameWriter(Channels.newOutputStream(os.sink()));
        byte[] a = new byte[300_000];
        byte[] b = new byte[FrameWriter.AT_ONCE];
        new Random(7).nextBytes(a);
        new Random(8).nextBytes(b);
        // nobody reads yet: a synchronous write of more than the pipe holds would never return
        writer.write(new Frame(FrameType.BOOT, new byte[] {1}), FrameType.TASK, List.of(a, b), "test");
        Thread reading = new Thread(() -> {
            try {
                writer.write(Frame.empty(FrameType.READY)); // waits for the large frame, then follows it
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        reading.start();
        FrameReader reader = new FrameReader(pipe);
        assertThat(reader.read().payload()).containsExactly(1);
        Frame task = reader.read();
        assertThat(task.type()).isEqualTo(FrameType.TASK);
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        assertThat(task.payload()).isEqualTo(both);
        assertThat(reader.read().type()).isEqualTo(FrameType.READY);
        reading.join(30_000);
        os.sink().close();
        os.source().close();
    }

    @Test
    @Timeout(60)
    void shouldFailTheFramesAfterALargeOneThatCouldNotBeWritten() throws Exception {
        PipedInputStream pipe = new PipedInputStream(1024);
        FrameWriter writer = new FrameWriter(new PipedOutputStream(pipe));
        writer.write(new Frame(FrameType.BOOT, new byte[0]), FrameType.TASK, List.of(new byte[200_000]), "test");
        pipe.close(); // the reader died
        assertThatThrownBy(() -> writer.write(Frame.empty(FrameType.READY))).isInstanceOf(IOException.class)
                .hasMessageContaining("an earlier frame could not be written");
    }
}
